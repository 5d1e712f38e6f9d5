/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A table of an experiment's results as exported: column names and rows of cells (String, Integer,
 * Long, Double or null). CSV follows RFC 4180 (comma, CRLF, fields with a comma, quote or line break
 * quoted, quotes doubled) with numbers at full precision and empty fields for missing or non-finite
 * values; JSON is an array of one object per row, keyed by column, with non-finite numbers as null.
 */
public record Table(String name, List<String> columns, List<List<Object>> rows) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Table {
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("table " + name + ": a row has " + r.size() + " cells for " + columns.size() + " columns");
            }
        }
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }

    /** Builds a table row by row. */
    public static final class Builder {
        private final String name;
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();

        public Builder(String name, String... columns) {
            this.name = name;
            this.columns = List.of(columns);
        }

        public Builder row(Object... cells) {
            rows.add(Arrays.asList(cells));
            return this;
        }

        public Table build() {
            return new Table(name, columns, rows);
        }
    }

    public String csv() {
        StringBuilder sb = new StringBuilder();
        line(sb, new ArrayList<>(columns));
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    public String json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                Object v = r.get(i);
                o.put(columns.get(i), v instanceof Double d && !Double.isFinite(d) ? null : v);
            }
            out.add(o);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    }

    private static void line(StringBuilder sb, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(cells.get(i)));
        }
        sb.append("\r\n");
    }

    /** One CSV field (RFC 4180). */
    static String field(Object v) {
        String s;
        if (v == null) {
            s = "";
        } else if (v instanceof Double d) {
            s = Double.isFinite(d) ? Double.toString(d) : "";
        } else if (v instanceof Number) {
            s = v.toString();
        } else {
            s = v.toString();
            // text that a spreadsheet would run as a formula (a name or message that begins with = + - @,
            // a tab or a carriage return) is prefixed with an apostrophe (OWASP CSV injection)
            if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
                s = "'" + s;
            }
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
