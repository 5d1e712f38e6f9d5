/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The clinical table: one row per patient. The layout of TCIA's NSCLC-Radiomics clinical file
 * ({@code PatientID, age, gender, Overall.Stage, Histology, Survival.time, deadstatus.event}, plus
 * an optional cause-of-death column) is recognised automatically; other layouts are read through a
 * {@link Mapping} from our fields to their column names.
 */
public final class ClinicalCsv {

    /** One patient's clinical facts, as read. */
    public record Row(int line, String patientId, Double age, String sex, String stage, String histology,
                      Integer followUpDays, Boolean dead, String causeOfDeath) {
    }

    /** Column names for each field; {@code patientId}, {@code followUpDays} and {@code dead} are required. */
    public record Mapping(String patientId, String age, String sex, String stage, String histology, String followUpDays,
                          String dead, String causeOfDeath) {

        public static final Mapping NSCLC_RADIOMICS = new Mapping("PatientID", "age", "gender", "Overall.Stage", "Histology",
                "Survival.time", "deadstatus.event", "cause.of.death");

        /**
         * The NSCLC-Radiomics layout with some fields renamed, from {@code field=column,...} where
         * field is one of patientId, age, sex, stage, histology, followUpDays, dead, causeOfDeath.
         */
        public static Mapping parse(String spec) throws ClinicalCsvException {
            Map<String, String> m = new HashMap<>();
            for (String part : spec.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                    throw new ClinicalCsvException("column mapping '" + part + "' is not field=column");
                }
                if (!List.of("patientId", "age", "sex", "stage", "histology", "followUpDays", "dead", "causeOfDeath").contains(kv[0].strip())) {
                    throw new ClinicalCsvException("unknown clinical field '" + kv[0].strip()
                            + "' (use patientId, age, sex, stage, histology, followUpDays, dead, causeOfDeath)");
                }
                m.put(kv[0].strip(), kv[1].strip());
            }
            Mapping d = NSCLC_RADIOMICS;
            return new Mapping(m.getOrDefault("patientId", d.patientId()), m.getOrDefault("age", d.age()), m.getOrDefault("sex", d.sex()),
                    m.getOrDefault("stage", d.stage()), m.getOrDefault("histology", d.histology()),
                    m.getOrDefault("followUpDays", d.followUpDays()), m.getOrDefault("dead", d.dead()),
                    m.getOrDefault("causeOfDeath", d.causeOfDeath()));
        }
    }

    private ClinicalCsv() {
    }

    public static List<Row> read(Path file, Mapping mapping) throws ClinicalCsvException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClinicalCsvException(file.getFileName() + ": cannot be read: " + e.getMessage());
        }
        return parse(file.getFileName().toString(), lines, mapping);
    }

    static List<Row> parse(String name, List<String> lines, Mapping mapping) throws ClinicalCsvException {
        if (lines.isEmpty()) {
            throw new ClinicalCsvException(name + ": is empty");
        }
        String headerLine = lines.getFirst().startsWith("\uFEFF") ? lines.getFirst().substring(1) : lines.getFirst();
        List<String> header = split(headerLine);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        Mapping m = mapping == null ? Mapping.NSCLC_RADIOMICS : mapping;
        int id = required(name, index, m.patientId());
        int time = required(name, index, m.followUpDays());
        int dead = required(name, index, m.dead());
        Integer age = optional(index, m.age());
        Integer sex = optional(index, m.sex());
        Integer stage = optional(index, m.stage());
        Integer histology = optional(index, m.histology());
        Integer cause = optional(index, m.causeOfDeath());
        List<Row> rows = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            List<String> cells = split(lines.get(n));
            int line = n + 1;
            String patient = cell(cells, id);
            if (patient.isEmpty()) {
                throw new ClinicalCsvException(name + " line " + line + ": empty " + m.patientId());
            }
            if (!seen.add(patient)) {
                throw new ClinicalCsvException(name + " line " + line + ": patient " + patient + " appears twice");
            }
            Integer days = integer(name, line, m.followUpDays(), cell(cells, time));
            if (days != null && days < 0) {
                throw new ClinicalCsvException(name + " line " + line + ": " + m.followUpDays() + " is negative (" + days + ")");
            }
            String deadValue = cell(cells, dead);
            Boolean isDead = switch (deadValue.toLowerCase(Locale.ROOT)) {
                case "1", "dead", "yes", "true", "deceased" -> true;
                case "0", "alive", "no", "false", "censored" -> false;
                case "", "na" -> null;
                default -> throw new ClinicalCsvException(name + " line " + line + ": " + m.dead() + " must be 1 (dead) or 0 (censored), was '"
                        + deadValue + "'");
            };
            String causeValue = cause == null ? "" : cell(cells, cause).toLowerCase(Locale.ROOT);
            String causeOfDeath = switch (causeValue) {
                case "" , "na" -> Boolean.TRUE.equals(isDead) ? "UNKNOWN" : null;
                case "disease", "disease-specific", "cancer", "lung cancer", "ds" -> "DISEASE";
                case "other", "other cause", "non-cancer" -> "OTHER";
                case "unknown" -> "UNKNOWN";
                default -> throw new ClinicalCsvException(name + " line " + line + ": " + m.causeOfDeath()
                        + " must be 'disease', 'other' or empty, was '" + causeValue + "'");
            };
            if (Boolean.FALSE.equals(isDead)) {
                causeOfDeath = null;
            }
            Double ageValue = age == null ? null : decimal(name, line, m.age(), cell(cells, age));
            rows.add(new Row(line, patient, ageValue, sex == null ? null : emptyToNull(cell(cells, sex)),
                    stage == null ? null : emptyToNull(cell(cells, stage)), histology == null ? null : emptyToNull(cell(cells, histology)),
                    days, isDead, causeOfDeath));
        }
        return rows;
    }

    private static int required(String name, Map<String, Integer> index, String column) throws ClinicalCsvException {
        Integer i = optional(index, column);
        if (i == null) {
            throw new ClinicalCsvException(name + ": has no column '" + column + "' (columns: " + index.keySet() + ")");
        }
        return i;
    }

    private static Integer optional(Map<String, Integer> index, String column) {
        return column == null ? null : index.get(column.toLowerCase(Locale.ROOT));
    }

    private static String cell(List<String> cells, int i) {
        return i < cells.size() ? cells.get(i).strip() : "";
    }

    private static Integer integer(String name, int line, String column, String v) throws ClinicalCsvException {
        if (v.isEmpty() || v.equalsIgnoreCase("na")) {
            return null;
        }
        try {
            return (int) Math.round(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            throw new ClinicalCsvException(name + " line " + line + ": " + column + " is not a number: '" + v + "'");
        }
    }

    private static Double decimal(String name, int line, String column, String v) throws ClinicalCsvException {
        if (v.isEmpty() || v.equalsIgnoreCase("na")) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ClinicalCsvException(name + " line " + line + ": " + column + " is not a number: '" + v + "'");
        }
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() || s.equalsIgnoreCase("na") ? null : s;
    }

    /** RFC 4180 fields: commas, double quotes, "" inside quotes. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }

    /** A clinical table that cannot be read; the message names the file, line and column. */
    public static final class ClinicalCsvException extends Exception {
        public ClinicalCsvException(String message) {
            super(message);
        }
    }
}
