/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the trainer gets its cases: the ids of all cases of the segmentation subset, and each case
 * on demand (the trainer loads a case when it needs it and keeps none, so a source may read files).
 */
public interface CaseSource {

    /** Ids of all cases, each once. */
    List<String> ids();

    /** The case called {@code id}, at the network's input size. */
    TrainingCase load(String id) throws IOException;

    /** A source over cases already in memory. */
    static CaseSource of(List<TrainingCase> cases) {
        Map<String, TrainingCase> byId = new LinkedHashMap<>();
        for (TrainingCase c : cases) {
            if (byId.put(c.id(), c) != null) {
                throw new IllegalArgumentException("case id " + c.id() + " occurs twice");
            }
        }
        return new CaseSource() {
            @Override
            public List<String> ids() {
                return List.copyOf(byId.keySet());
            }

            @Override
            public TrainingCase load(String id) {
                TrainingCase c = byId.get(id);
                if (c == null) {
                    throw new IllegalArgumentException("no case " + id);
                }
                return c;
            }
        };
    }
}
