/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import io.segsurv.dicom.DicomInstance;
import io.segsurv.dicom.DicomReader;
import io.segsurv.dicom.ImageSeries;
import io.segsurv.dicom.StructureSet;
import io.segsurv.dicom.VolumeLoader;
import io.segsurv.imaging.CropGrid;
import io.segsurv.imaging.PreprocessedCase;
import io.segsurv.imaging.Preprocessor;
import io.segsurv.synth.SyntheticCohort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Training cases from the synthetic NSCLC cohort (docs/SYNTHETIC_COHORT.md) the way the application
 * makes them: real DICOM written by {@link SyntheticCohort}, read back, pre-processed by
 * {@link Preprocessor} onto a crop of the paper's field of view (96 x 96 x 48 mm) at a coarser
 * voxel, and turned into CT training cases.
 */
final class SyntheticCohortCases {

    private SyntheticCohortCases() {
    }

    /** CT cases of {@code patients} synthetic patients ("small" profile) on a crop of {@code crop}. */
    static List<TrainingCase> ct(int patients, long seed, CropGrid crop, Path workDir) throws Exception {
        Path cohort = workDir.resolve("cohort");
        SyntheticCohort.Summary summary = SyntheticCohort.generate(new SyntheticCohort.Options(patients, seed, false, "small"), cohort);
        Preprocessor preprocessor = new Preprocessor(Preprocessor.Options.defaults().withCrop(crop));
        List<TrainingCase> cases = new ArrayList<>();
        for (var truth : summary.patients()) {
            Path dir = cohort.resolve(truth.patientId());
            ImageSeries ct = ImageSeries.of(read(dir.resolve("CT")));
            StructureSet rs = StructureSet.parse(DicomReader.read(dir.resolve("RTSTRUCT").resolve("RS-CT.dcm"), "RS-CT"));
            StructureSet.Roi gtv = rs.rois().stream().filter(r -> r.name().equals("GTV-1")).findFirst().orElseThrow();
            PreprocessedCase c = preprocessor.run(VolumeLoader.hounsfield(ct), null, VolumeLoader.roi(gtv), null);
            cases.add(TrainingCase.ct(truth.patientId(), c));
        }
        return cases;
    }

    private static List<DicomInstance> read(Path seriesDir) throws Exception {
        List<DicomInstance> slices = new ArrayList<>();
        try (Stream<Path> files = Files.list(seriesDir)) {
            for (Path f : files.sorted().toList()) {
                slices.add(DicomReader.read(f, f.getFileName().toString()));
            }
        }
        return slices;
    }
}
