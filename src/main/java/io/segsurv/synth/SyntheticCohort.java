/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A synthetic NSCLC PET/CT cohort in real DICOM with known ground truth (docs/SYNTHETIC_COHORT.md).
 *
 * <p>Per patient: {@code <PatientID>/CT/CT-nnnn.dcm}, {@code PT/PT-nnnn.dcm} and
 * {@code RTSTRUCT/RS-CT.dcm} (GTV-1 and organs) plus {@code RTSTRUCT/RS-PT.dcm} (GTV_PET); for the
 * cohort {@code clinical.csv}, {@code truth.csv} and {@code truth/<PatientID>.json}. The same options
 * always give byte-identical files.
 */
public final class SyntheticCohort {

    /** Largest cohort: patient numbers stay within four digits. */
    public static final int MAX_PATIENTS = 9999;

    private SyntheticCohort() {
    }

    /**
     * What to generate.
     *
     * @param patients number of patients, 1 to {@link #MAX_PATIENTS} (the paper's cohort: 150)
     * @param seed any value; the same seed gives the same cohort
     * @param ctOnly a CT-only cohort (no PET, GTV-1 only, no cause of death), like the external set
     * @param profile image geometry: "paper" (default when null) or "small"
     */
    public record Options(int patients, long seed, boolean ctOnly, String profile, int firstIndex) {

        public Options {
            if (patients < 1 || patients > MAX_PATIENTS) {
                throw new IllegalArgumentException(
                        "patients must be between 1 and " + MAX_PATIENTS + ", was " + patients);
            }
            if (firstIndex < 1 || firstIndex + patients - 1 > MAX_PATIENTS) {
                throw new IllegalArgumentException("patient numbers must stay within 1.." + MAX_PATIENTS + ", first was " + firstIndex);
            }
            profile = Profile.of(profile).id;
        }

        /** Patients 1..patients. */
        public Options(int patients, long seed, boolean ctOnly, String profile) {
            this(patients, seed, ctOnly, profile, 1);
        }

        /** A PET/CT cohort in the paper profile. */
        public static Options of(int patients, long seed) {
            return new Options(patients, seed, false, null);
        }
    }

    /** One generated patient, for progress output. */
    public record PatientSummary(PatientTruth truth, int files, long bytes, long millis) {
    }

    /** The generated cohort. */
    public record Summary(Path outDir, Options options, List<PatientTruth> patients, int files, long bytes,
            long millis) {

        public long deaths() {
            return patients.stream().filter(PatientTruth::dead).count();
        }

        public double overallSurvival2y() {
            return CohortStatistics.kaplanMeier(patients, 2);
        }

        public long qualifying2os() {
            return CohortStatistics.qualifyingOverall(patients, 2);
        }
    }

    public static Summary generate(Options options, Path outDir) throws IOException {
        return generate(options, outDir, s -> {
        });
    }

    /**
     * Writes the cohort into outDir, which must not exist or be empty; calls progress after each
     * patient, in patient order.
     */
    public static Summary generate(Options options, Path outDir, Consumer<PatientSummary> progress) throws IOException {
        Profile profile = Profile.of(options.profile());
        prepare(outDir);
        long start = System.nanoTime();
        Path truthDir = Files.createDirectories(outDir.resolve("truth"));
        List<PatientTruth> rows = new ArrayList<>();
        int files = 0;
        long bytes = 0;
        for (int i = options.firstIndex(); i < options.firstIndex() + options.patients(); i++) {
            long t0 = System.nanoTime();
            PatientResult r = generatePatient(options, profile, i, outDir);
            CohortFiles.writeJson(truthDir.resolve(r.truth.patientId() + ".json"), r.truth);
            rows.add(r.truth);
            files += r.files + 1;
            bytes += r.bytes;
            progress.accept(new PatientSummary(r.truth, r.files, r.bytes, (System.nanoTime() - t0) / 1_000_000));
        }
        CohortFiles.writeClinical(outDir.resolve("clinical.csv"), rows);
        CohortFiles.writeTruth(outDir.resolve("truth.csv"), rows);
        files += 2;
        return new Summary(outDir, options, List.copyOf(rows), files, bytes, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The clinical and truth table of the cohort without rendering any image: the same patients,
     * attributes and outcomes that {@link #generate} writes (without the image measurements).
     */
    public static List<PatientTruth> sampleClinical(Options options) {
        List<PatientTruth> rows = new ArrayList<>(options.patients());
        for (int i = options.firstIndex(); i < options.firstIndex() + options.patients(); i++) {
            SyntheticPatient p = SyntheticPatient.sample(options.seed(), options.ctOnly(), i);
            rows.add(PatientTruth.of(p, options.ctOnly(), null));
        }
        return rows;
    }

    private record PatientResult(PatientTruth truth, int files, long bytes) {
    }

    private static PatientResult generatePatient(Options o, Profile profile, int index, Path outDir)
            throws IOException {
        long seed = o.seed();
        int ct = o.ctOnly() ? 1 : 0;
        SyntheticPatient p = SyntheticPatient.sample(seed, o.ctOnly(), index);
        ScanGeometry geometry = ScanGeometry.sample(p, profile, Rng.of(seed, ct, index, 2, profile.ordinal()));
        Renderer renderer = new Renderer(p, Rng.mix(seed, ct, index, 4, profile.ordinal()), Rng.of(seed, ct, index, 3));
        Uids uids = new Uids(seed, o.ctOnly(), profile, index);
        DicomWriter writer = new DicomWriter(p, uids, geometry, o.ctOnly());
        Path dir = outDir.resolve(p.patientId);
        Path ctDir = Files.createDirectories(dir.resolve("CT"));
        Path rsDir = Files.createDirectories(dir.resolve("RTSTRUCT"));
        Renderer.Ct ctImages = renderer.renderCt(geometry.ct(), profile);
        long bytes = writer.writeCt(ctDir, ctImages);
        bytes += writer.writeCtStructureSet(rsDir.resolve("RS-CT.dcm"), ctImages);
        int files = geometry.ct().slices() + 1;
        double ctVolume = ctImages.tumourVoxels() * ctImages.voxelVolumeMm3() / 1000;
        Grid g = geometry.ct();
        PatientTruth.Measured measured;
        if (o.ctOnly()) {
            measured = new PatientTruth.Measured(g.slices(), 0, g.pixel(), g.spacing(), Double.NaN, Double.NaN,
                    ctVolume, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    null);
        } else {
            ctImages = null; // release the CT before rendering the PET
            Path ptDir = Files.createDirectories(dir.resolve("PT"));
            Renderer.Pet pet = renderer.renderPet(geometry.pet());
            bytes += writer.writePet(ptDir, pet);
            bytes += writer.writePetStructureSet(rsDir.resolve("RS-PT.dcm"), pet);
            Grid pg = geometry.pet();
            files += pg.slices() + 1;
            double mtv = pet.mtvMm3() / 1000;
            measured = new PatientTruth.Measured(g.slices(), pg.slices(), g.pixel(), g.spacing(), pg.pixel(),
                    pg.spacing(), ctVolume, pet.suvMax(), pet.suvMean(), mtv,
                    mtv * pet.suvMean(), pet.suvAtCentre(), pet.centreVoxel());
        }
        return new PatientResult(PatientTruth.of(p, o.ctOnly(), measured), files, bytes);
    }

    private static void prepare(Path outDir) throws IOException {
        if (Files.exists(outDir)) {
            if (!Files.isDirectory(outDir)) {
                throw new IllegalArgumentException("output " + outDir + " exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(outDir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("output directory " + outDir + " is not empty");
                }
            }
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + outDir, e);
        }
    }
}
