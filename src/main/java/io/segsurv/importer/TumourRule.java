/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How the tumour ROI is chosen among the ROIs of a patient's structure sets, per modality: the
 * first pattern (in order) that matches exactly one ROI name, case-insensitively. Real structure
 * sets (e.g. TCIA's NSCLC-Radiomics) also hold lungs, heart, oesophagus and spinal cord; those are
 * kept but not used.
 */
public record TumourRule(List<Pattern> ct, List<Pattern> pet) {

    public static final TumourRule DEFAULT = new TumourRule(
            List.of(Pattern.compile("GTV-?1", Pattern.CASE_INSENSITIVE), Pattern.compile("GTV", Pattern.CASE_INSENSITIVE),
                    Pattern.compile("GTV[-_ ]?(CT|P|PRIMARY|TUMOU?R)", Pattern.CASE_INSENSITIVE)),
            List.of(Pattern.compile("GTV[-_ ]?PET", Pattern.CASE_INSENSITIVE), Pattern.compile("PET[-_ ]?GTV", Pattern.CASE_INSENSITIVE)));

    /** The outcome of a choice: the chosen name, or why there is none. */
    public record Choice(String name, String problem) {
    }

    public static Choice choose(List<Pattern> patterns, List<String> names) {
        for (Pattern p : patterns) {
            List<String> matching = names.stream().filter(n -> p.matcher(n.strip()).matches()).distinct().toList();
            if (matching.size() == 1) {
                return new Choice(matching.getFirst(), null);
            }
            if (matching.size() > 1) {
                return new Choice(null, "ambiguous tumour ROI: " + matching + " all match '" + p.pattern() + "'");
            }
        }
        return new Choice(null, "no tumour ROI matches " + patterns.stream().map(Pattern::pattern).toList() + " among " + names);
    }
}
