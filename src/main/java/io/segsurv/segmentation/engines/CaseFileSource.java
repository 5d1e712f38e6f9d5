/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import io.segsurv.imaging.CaseFile;
import io.segsurv.imaging.PreprocessedCase;
import io.segsurv.segmentation.networks.BottleneckFeatures.Modality;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cases read from pre-processed case files ({@link CaseFile}, written by the importer): one
 * modality's image and mask per case, read when the trainer asks for it.
 */
public final class CaseFileSource implements CaseSource {

    private final Map<String, Path> files;
    private final Modality modality;

    /** @param files case id to its {@code .segscase.gz} file, in the order to use */
    public CaseFileSource(Map<String, Path> files, Modality modality) {
        this.files = new LinkedHashMap<>(files);
        this.modality = Objects.requireNonNull(modality, "modality");
    }

    @Override
    public List<String> ids() {
        return List.copyOf(files.keySet());
    }

    @Override
    public TrainingCase load(String id) throws IOException {
        Path file = files.get(id);
        if (file == null) {
            throw new IllegalArgumentException("no case file for " + id);
        }
        PreprocessedCase c = CaseFile.read(file);
        try {
            return modality == Modality.CT ? TrainingCase.ct(id, c) : TrainingCase.pet(id, c);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
