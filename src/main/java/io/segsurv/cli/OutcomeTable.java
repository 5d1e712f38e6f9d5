/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import io.segsurv.cohort.Endpoint;
import io.segsurv.importer.ClinicalCsv;
import io.segsurv.stats.RiskGroupSurvival;
import io.segsurv.stats.StatsInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Outcomes for the statistics commands: a CSV with a patient id column and either a column named
 * after the endpoint (1 alive / 0 dead at the horizon, empty = does not qualify), or a clinical table
 * in the NSCLC-Radiomics layout from which the endpoint is derived with the paper's rules.
 */
final class OutcomeTable {

    private OutcomeTable() {
    }

    /**
     * Follow-up times in years and the endpoint's event (death, or death of the disease) per patient,
     * when the file is a clinical table; empty when it only has an endpoint column (no times).
     */
    static Map<String, RiskGroupSurvival.Time> times(Path file, Endpoint endpoint) {
        Map<String, RiskGroupSurvival.Time> out = new LinkedHashMap<>();
        if (hasEndpointColumn(file, endpoint)) {
            return out;
        }
        try {
            for (ClinicalCsv.Row row : ClinicalCsv.read(file, ClinicalCsv.Mapping.NSCLC_RADIOMICS)) {
                Integer event = endpoint.event(row.dead(), row.causeOfDeath());
                if (row.followUpDays() != null && event != null) {
                    out.put(row.patientId(), new RiskGroupSurvival.Time(row.followUpDays() / Endpoint.DAYS_PER_YEAR, event));
                }
            }
        } catch (ClinicalCsv.ClinicalCsvException e) {
            throw new StatsInputException(file.getFileName() + ": " + e.getMessage());
        }
        return out;
    }

    private static boolean hasEndpointColumn(Path file, Endpoint endpoint) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String header = lines.findFirst().orElse("").replace("\uFEFF", "");
            for (String h : header.split(",", -1)) {
                if (h.strip().equalsIgnoreCase(endpoint.label())) {
                    return true;
                }
            }
            return false;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StatsInputException(file.getFileName() + ": cannot be read: " + e.getMessage());
        }
    }

    static Map<String, Integer> read(Path file, Endpoint endpoint) {
        String name = file.getFileName().toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StatsInputException(name + ": cannot be read: " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new StatsInputException(name + ": is empty");
        }
        String[] header = lines.getFirst().replace("\uFEFF", "").split(",", -1);
        int column = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().equalsIgnoreCase(endpoint.label())) {
                column = i;
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        if (column >= 0) {
            for (int n = 1; n < lines.size(); n++) {
                if (lines.get(n).isBlank()) {
                    continue;
                }
                String[] cells = lines.get(n).split(",", -1);
                if (cells.length != header.length) {
                    throw new StatsInputException(name + " line " + (n + 1) + ": has " + cells.length + " fields where the header has " + header.length);
                }
                String v = cells[column].strip().toLowerCase(Locale.ROOT);
                switch (v) {
                    case "", "na" -> { }
                    case "1", "0" -> out.put(cells[0].strip(), Integer.parseInt(v));
                    default -> throw new StatsInputException(name + " line " + (n + 1) + ", column '" + endpoint.label() + "': '" + cells[column]
                            + "' must be 1 (alive), 0 (dead) or empty (does not qualify)");
                }
            }
            return out;
        }
        try {
            for (ClinicalCsv.Row row : ClinicalCsv.read(file, ClinicalCsv.Mapping.NSCLC_RADIOMICS)) {
                endpoint.outcome(row.followUpDays(), row.dead(), row.causeOfDeath()).ifPresent(y -> out.put(row.patientId(), y));
            }
        } catch (ClinicalCsv.ClinicalCsvException e) {
            throw new StatsInputException(name + ": has no column '" + endpoint.label() + "' and is not a clinical table either ("
                    + e.getMessage() + ")");
        }
        return out;
    }
}
