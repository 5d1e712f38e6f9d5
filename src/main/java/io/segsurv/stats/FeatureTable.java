/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A numeric table read from CSV: rows are patients, columns are features, with a header row. A
 * first column named like an identifier (PatientID, patient, id) holds the row names. Every
 * problem is reported with the file, line and column: a ragged row, a value that is not a number,
 * NaN or infinity, a duplicate column name, an empty table.
 *
 * @param values row-major, {@code rows x columns}
 */
public record FeatureTable(List<String> rowIds, List<String> columns, double[] values) {

    private static final Set<String> ID_COLUMNS = Set.of("patientid", "patient", "id", "patient_id", "case");

    public int rows() {
        return rowIds.size();
    }

    public int cols() {
        return columns.size();
    }

    public double get(int row, int col) {
        return values[row * columns.size() + col];
    }

    /** Row {@code row} (one patient) as a new array over the columns. */
    public double[] row(int row) {
        double[] out = new double[cols()];
        System.arraycopy(values, row * cols(), out, 0, out.length);
        return out;
    }

    /** Column {@code col} as a new array over the rows. */
    public double[] column(int col) {
        double[] out = new double[rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = get(r, col);
        }
        return out;
    }

    public int columnIndex(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new StatsInputException("no column '" + name + "' (columns: " + abbreviate(columns) + ")");
        }
        return i;
    }

    public static FeatureTable read(Path file) {
        String name = file.getFileName().toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || header.isBlank()) {
                throw new StatsInputException(name + ": is empty (a header row is needed)");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> head = split(header);
            boolean ids = ID_COLUMNS.contains(unquote(head.getFirst()).toLowerCase(Locale.ROOT));
            List<String> columns = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = ids ? 1 : 0; i < head.size(); i++) {
                String c = unquote(head.get(i));
                if (c.isEmpty()) {
                    throw new StatsInputException(name + ": column " + (i + 1) + " has no name");
                }
                if (!seen.add(c)) {
                    throw new StatsInputException(name + ": column name '" + c + "' appears twice");
                }
                columns.add(c);
            }
            if (columns.isEmpty()) {
                throw new StatsInputException(name + ": has no data columns");
            }
            List<String> rowIds = new ArrayList<>();
            DoubleList values = new DoubleList(1024);
            String line;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = split(line);
                if (cells.size() != head.size()) {
                    throw new StatsInputException(name + " line " + lineNumber + ": has " + cells.size() + " fields where the header has "
                            + head.size());
                }
                rowIds.add(ids ? unquote(cells.getFirst()) : String.valueOf(rowIds.size() + 1));
                for (int i = ids ? 1 : 0; i < cells.size(); i++) {
                    String cell = cells.get(i).strip();
                    double v;
                    try {
                        v = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new StatsInputException(name + " line " + lineNumber + ", column '" + columns.get(i - (ids ? 1 : 0))
                                + "': '" + cell + "' is not a number");
                    }
                    if (!Double.isFinite(v)) {
                        throw new StatsInputException(name + " line " + lineNumber + ", column '" + columns.get(i - (ids ? 1 : 0))
                                + "': " + cell + " is not allowed (missing values must be imputed before)");
                    }
                    values.add(v);
                }
            }
            if (rowIds.isEmpty()) {
                throw new StatsInputException(name + ": has a header but no rows");
            }
            if (ids && new HashSet<>(rowIds).size() != rowIds.size()) {
                throw new StatsInputException(name + ": a patient id appears twice");
            }
            return new FeatureTable(List.copyOf(rowIds), List.copyOf(columns), values.toArray());
        } catch (IOException e) {
            throw new StatsInputException(name + ": cannot be read: " + e.getMessage());
        }
    }

    /** Columns whose values are all equal (zero variance), by name. */
    public List<String> constantColumns() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < cols(); c++) {
            double first = get(0, c);
            boolean constant = true;
            for (int r = 1; r < rows() && constant; r++) {
                constant = get(r, c) == first;
            }
            if (constant) {
                out.add(columns.get(c));
            }
        }
        return out;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    sb.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(ch);
            }
        }
        out.add(sb.toString());
        return out;
    }

    private static String unquote(String s) {
        return s.strip();
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString() : names.subList(0, 8) + " ... (" + names.size() + " in all)";
    }

    /** A growable primitive array: a table of 110,592 x 96 values must not box. */
    private static final class DoubleList {
        private double[] data;
        private int size;

        DoubleList(int capacity) {
            data = new double[capacity];
        }

        void add(double v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
