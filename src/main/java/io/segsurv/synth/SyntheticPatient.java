/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Everything about one synthetic patient that does not depend on the image grid: identity,
 * demographics, acquisition times and dose, anatomy, the tumour and its attributes, the latent
 * risk and the outcome. Sampled from a stream of its own, so patient {@code i} is the same whatever
 * the cohort size and whichever profile renders it.
 */
final class SyntheticPatient {

    private static final String[] SURNAMES = {"Jansen", "Peters", "Smith", "Meyer", "Dubois", "Kowalski", "Novak",
            "Rossi", "Garcia", "Brown", "Visser", "Schmidt", "Hansen", "Murphy", "Larsen", "Bakker", "Wilson",
            "Fischer", "Martin", "Moreau", "Lindqvist", "Horvath", "Costa", "Keller", "Walsh", "Evans", "Mulder",
            "Weber", "Olsen", "Young", "Turner", "Hughes", "De Vries", "Janssens", "Maes", "Wouters", "Claes",
            "Anderson", "Taylor", "Thomas"};
    private static final String[] MALE = {"Johannes", "Peter", "John", "Michael", "Thomas", "Willem", "Hans",
            "Robert", "James", "Karel", "Luc", "Marc", "Frank", "Paul", "George", "Henk", "Joseph", "Richard",
            "Walter", "Dirk"};
    private static final String[] FEMALE = {"Maria", "Anna", "Elisabeth", "Johanna", "Mary", "Patricia", "Linda",
            "Barbara", "Susan", "Margaret", "Helena", "Ingrid", "Sophie", "Martine", "Carla", "Ruth", "Joan",
            "Greet", "Monique", "Ellen"};

    final int index;
    final String patientId;
    final String patientName;
    final boolean male;
    final double ageYears;
    final LocalDate birthDate;
    final LocalDate scanDate;
    final double weightKg;
    final double heightM;
    final String stage;
    final String histology;
    // PET/CT acquisition (independent of the image grid)
    final LocalTime injectionTime;
    final int uptakeSeconds;
    final long doseBq;
    final boolean feetFirst;
    final Anatomy anatomy;
    // tumour
    final int side;
    final TumourShape tumour;
    final double spiculation;
    final double irregularity;
    final boolean necrosis;
    final double necrosisFraction;
    final boolean vesselContact;
    /** Unit vector from the tumour centre towards where the contact vessel passes (null without contact). */
    final double[] contactDirection;
    /**
     * Share of the tumour's surroundings that is not lung: chest wall, mediastinum, heart, spine or
     * diaphragm, in the 96 x 96 x 48 mm box centred on its centre of mass (the crop the networks see).
     */
    final double surroundings;
    final boolean satellite;
    final double[] satelliteCentre;
    final double satelliteRadius;
    final double satelliteSuv;
    final double uptakeSuv;
    final double heartSuv;
    final double ctNoiseHu;
    // survival
    final double structuralScore;
    final double weakScore;
    final double linearPredictor;
    final HazardModel.Outcome outcome;

    private SyntheticPatient(Builder b) {
        index = b.index;
        patientId = b.patientId;
        patientName = b.patientName;
        male = b.male;
        ageYears = b.ageYears;
        birthDate = b.birthDate;
        scanDate = b.scanDate;
        weightKg = b.weightKg;
        heightM = b.heightM;
        stage = b.stage;
        histology = b.histology;
        injectionTime = b.injectionTime;
        uptakeSeconds = b.uptakeSeconds;
        doseBq = b.doseBq;
        feetFirst = b.feetFirst;
        anatomy = b.anatomy;
        side = b.side;
        tumour = b.tumour;
        spiculation = b.spiculation;
        irregularity = b.irregularity;
        necrosis = b.necrosis;
        necrosisFraction = b.necrosisFraction;
        vesselContact = b.vesselContact;
        contactDirection = b.contactDirection;
        surroundings = b.surroundings;
        satellite = b.satellite;
        satelliteCentre = b.satelliteCentre;
        satelliteRadius = b.satelliteRadius;
        satelliteSuv = b.satelliteSuv;
        uptakeSuv = b.uptakeSuv;
        heartSuv = b.heartSuv;
        ctNoiseHu = b.ctNoiseHu;
        structuralScore = b.structuralScore;
        weakScore = b.weakScore;
        linearPredictor = b.linearPredictor;
        outcome = b.outcome;
    }

    static String patientId(boolean ctOnly, int index) {
        return String.format(java.util.Locale.ROOT, ctOnly ? "R01-%03d" : "LUNG1-%03d", index);
    }

    /** Samples patient {@code index} (1-based) of the cohort with this seed. */
    static SyntheticPatient sample(long seed, boolean ctOnly, int index) {
        Rng rng = Rng.of(seed, ctOnly ? 1 : 0, index, 1);
        Builder p = new Builder();
        p.index = index;
        p.patientId = patientId(ctOnly, index);
        p.male = rng.chance(0.68);
        String[] given = p.male ? MALE : FEMALE;
        p.patientName = SURNAMES[rng.nextInt(SURNAMES.length)] + "^" + given[rng.nextInt(given.length)];
        p.ageYears = rng.clampedGaussian(68, 9.5, 42, 91);
        long accrualDays = ChronoUnit.DAYS.between(HazardModel.ACCRUAL_START, HazardModel.ACCRUAL_END);
        p.scanDate = HazardModel.ACCRUAL_START.plusDays(rng.nextInt((int) accrualDays + 1));
        long ageDays = Math.round(p.ageYears * HazardModel.DAYS_PER_YEAR);
        p.birthDate = p.scanDate.minusDays(ageDays);
        p.ageYears = ageDays / HazardModel.DAYS_PER_YEAR;
        double weight = p.male ? rng.clampedGaussian(78, 13, 45, 130) : rng.clampedGaussian(66, 12, 40, 120);
        p.weightKg = Math.round(10 * weight) / 10.0;
        p.heightM = Math.round(100 * (p.male ? rng.clampedGaussian(1.76, 0.07, 1.55, 2.0)
                : rng.clampedGaussian(1.63, 0.065, 1.45, 1.85))) / 100.0;
        // acquisition
        p.injectionTime = LocalTime.of(7, 30).plusSeconds(rng.nextInt(6 * 3600));
        p.uptakeSeconds = rng.nextInt(55 * 60, 72 * 60);
        p.doseBq = 1000L * Math.round(rng.uniform(2.6e5, 4.4e5));
        p.feetFirst = rng.chance(0.15);
        double ox = rng.uniform(-20, 20);
        double oy = rng.uniform(-30, 50);
        double oz = rng.uniform(-450, 150);
        p.anatomy = new Anatomy(rng, ox, oy, oz, p.weightKg);
        // tumour attributes
        p.spiculation = StrictMath.pow(rng.uniform(), 1.5);
        p.irregularity = rng.uniform();
        double volumeCm3 = rng.logUniform(HazardModel.VOLUME_MIN_CM3, HazardModel.VOLUME_MAX_CM3);
        double volumePosition = StrictMath.log(volumeCm3 / HazardModel.VOLUME_MIN_CM3)
                / StrictMath.log(HazardModel.VOLUME_MAX_CM3 / HazardModel.VOLUME_MIN_CM3);
        p.necrosis = rng.chance(0.2 + 0.3 * volumePosition);
        p.necrosisFraction = p.necrosis ? rng.uniform(0.35, 0.6) : 0;
        p.vesselContact = rng.chance(0.35);
        boolean wantSatellite = rng.chance(0.25);
        p.uptakeSuv = rng.logUniform(HazardModel.UPTAKE_MIN, HazardModel.UPTAKE_MAX);
        p.heartSuv = rng.uniform(2.5, 8);
        p.ctNoiseHu = rng.uniform(10, 20);
        p.satelliteSuv = rng.uniform(1.5, 4);
        p.satelliteRadius = rng.uniform(2.5, 5);
        p.side = rng.chance(0.55) ? Anatomy.RIGHT : Anatomy.LEFT;
        TumourShape shape = TumourShape.sample(rng, volumeCm3 * 1000, p.irregularity, p.spiculation);
        p.tumour = place(rng, p.anatomy, p.side, shape, Rng.of(seed, ctOnly ? 1 : 0, index, 7).uniform(0.1, 1.0));
        if (p.vesselContact) {
            p.contactDirection = contactDirection(rng, p.anatomy, p.side, p.tumour);
        }
        p.satelliteCentre = wantSatellite ? placeSatellite(rng, p.anatomy, p.side, p.tumour, p.satelliteRadius) : null;
        p.satellite = p.satelliteCentre != null;
        p.surroundings = surroundings(p.anatomy, p.tumour);
        // survival
        p.structuralScore = HazardModel.structuralScore(p.surroundings, p.spiculation, p.irregularity, p.necrosis,
                p.vesselContact, p.satellite);
        p.weakScore = HazardModel.weakScore(p.tumour.volumeMm3 / 1000, p.uptakeSuv);
        p.linearPredictor = p.structuralScore - HazardModel.STRUCTURAL_MEAN + p.weakScore;
        p.outcome = HazardModel.sample(rng, p.linearPredictor, p.ageYears, p.scanDate);
        // clinical descriptors (stored, never used as model inputs)
        double diameter = 2 * p.tumour.r0;
        int nodal = rng.uniform() < 0.35 + 0.1 * p.linearPredictor ? (rng.chance(0.5) ? 2 : 1) : 0;
        int score = (diameter > 30 ? 1 : 0) + (diameter > 50 ? 1 : 0) + (p.satellite ? 1 : 0) + nodal;
        String[] stages = {"I", "II", "IIIa", "IIIb"};
        p.stage = rng.chance(0.01) ? "NA" : stages[Math.min(3, score)];
        double h = rng.uniform();
        p.histology = h < 0.40 ? "adenocarcinoma" : h < 0.75 ? "squamous cell carcinoma" : h < 0.90 ? "large cell"
                : h < 0.98 ? "nos" : "NA";
        return new SyntheticPatient(p);
    }

    /**
     * Places the tumour in the chosen lung so that the lung holds it up to {@code depth} (0.1-1) of
     * its body's radius: at 1 the lobulated body lies in lung tissue, at small depths it abuts or
     * invades the chest wall, the mediastinum or the diaphragm.
     */
    private static TumourShape place(Rng rng, Anatomy an, int side, TumourShape shape, double depth) {
        double sign = side == Anatomy.RIGHT ? -1 : 1;
        double[][] probes = probeDirections();
        for (int attempt = 0; attempt < 4000; attempt++) {
            double margin = attempt < 3000 ? shape.rMaxBody * depth + 2 : shape.rMaxBody * 0.6 * depth;
            double u = sign * rng.uniform(27 + margin * 0.5, an.ac - margin * 0.5);
            double v = rng.uniform(-an.bc + margin * 0.5, an.bc - margin * 0.5);
            double w = rng.uniform(an.domeLeft - 40, an.apexW - margin * 0.5);
            double x = an.ox + u;
            double y = an.oy + v;
            double z = an.oz + w;
            if (an.lungSide(x, y, z) != side) {
                continue;
            }
            boolean ok = true;
            for (double[] d : probes) {
                if (an.lungSide(x + margin * d[0], y + margin * d[1], z + margin * d[2]) != side) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return shape.at(Math.round(x * 100) / 100.0, Math.round(y * 100) / 100.0, Math.round(z * 100) / 100.0);
            }
        }
        throw new IllegalStateException("could not place a tumour of " + shape.volumeMm3 + " mm3 in the lung");
    }

    /**
     * The non-lung share of the 96 x 96 x 48 mm box around the tumour's centre of mass, sampled on a
     * 4 mm lattice of the anatomy's labels (the tumour is not one of them: its voxels count as the
     * tissue it lies in).
     */
    static double surroundings(Anatomy an, TumourShape t) {
        double[] c = t.centreOfMass;
        int all = 0;
        int other = 0;
        for (double dz = -22; dz <= 22; dz += 4) {
            for (double dy = -46; dy <= 46; dy += 4) {
                for (double dx = -46; dx <= 46; dx += 4) {
                    byte label = an.label(c[0] + dx, c[1] + dy, c[2] + dz);
                    all++;
                    if (label != Anatomy.LUNG_LEFT && label != Anatomy.LUNG_RIGHT) {
                        other++;
                    }
                }
            }
        }
        return (double) other / all;
    }

    private static double[] contactDirection(Rng rng, Anatomy an, int side, TumourShape t) {
        double[] h = an.hilum[side == Anatomy.RIGHT ? 0 : 1];
        double[] d = normalise(new double[] {t.cx - h[0], t.cy - h[1], t.cz - h[2]});
        double[] r = rng.unitVector();
        double[] e = cross(d, r);
        return normalise(e);
    }

    private static double[] placeSatellite(Rng rng, Anatomy an, int side, TumourShape t, double radius) {
        double[][] probes = probeDirections();
        for (int attempt = 0; attempt < 600; attempt++) {
            double[] d = rng.unitVector();
            if (Math.abs(d[2]) > 0.5) {
                continue;
            }
            double gap = rng.uniform(4, 15);
            double dist = t.radius(d[0], d[1], d[2]) + gap + radius;
            double x = t.cx + d[0] * dist;
            double y = t.cy + d[1] * dist;
            double z = t.cz + d[2] * dist;
            // inside the 96 x 96 x 48 mm crop around the tumour, in the same lung, clear of the tumour
            if (Math.abs(x - t.cx) > 40 || Math.abs(y - t.cy) > 40 || Math.abs(z - t.cz) > 18) {
                continue;
            }
            if (an.lungSide(x, y, z) != side) {
                continue;
            }
            boolean ok = true;
            for (double[] p : probes) {
                double px = x + (radius + 2) * p[0];
                double py = y + (radius + 2) * p[1];
                double pz = z + (radius + 2) * p[2];
                if (t.relativeRadius(px, py, pz) < 1.0 || an.lungSide(px, py, pz) != side) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return new double[] {Math.round(x * 100) / 100.0, Math.round(y * 100) / 100.0,
                        Math.round(z * 100) / 100.0};
            }
        }
        return null;
    }

    /** The 6 axis and 20 diagonal directions. */
    static double[][] probeDirections() {
        double[][] out = new double[26][];
        int n = 0;
        for (int i = -1; i <= 1; i++) {
            for (int j = -1; j <= 1; j++) {
                for (int k = -1; k <= 1; k++) {
                    if (i == 0 && j == 0 && k == 0) {
                        continue;
                    }
                    out[n++] = normalise(new double[] {i, j, k});
                }
            }
        }
        return out;
    }

    static double[] normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** Nominal SUVmean of the tumour from the uptake model (before blur and noise). */
    double nominalSuvMean() {
        double necroticVolume = necrosis ? necrosisFraction * necrosisFraction * necrosisFraction : 0;
        return uptakeSuv * 0.775 * (1 - necroticVolume) + Renderer.NECROSIS_SUV * necroticVolume;
    }

    /** Nominal total lesion glycolysis: volume (ml) x nominal SUVmean. */
    double nominalTlg() {
        return tumour.volumeMm3 / 1000 * nominalSuvMean();
    }

    private static final class Builder {
        int index;
        String patientId;
        String patientName;
        boolean male;
        double ageYears;
        LocalDate birthDate;
        LocalDate scanDate;
        double weightKg;
        double heightM;
        String stage;
        String histology;
        LocalTime injectionTime;
        int uptakeSeconds;
        long doseBq;
        boolean feetFirst;
        Anatomy anatomy;
        int side;
        TumourShape tumour;
        double spiculation;
        double irregularity;
        boolean necrosis;
        double necrosisFraction;
        boolean vesselContact;
        double[] contactDirection;
        double surroundings;
        boolean satellite;
        double[] satelliteCentre;
        double satelliteRadius;
        double satelliteSuv;
        double uptakeSuv;
        double heartSuv;
        double ctNoiseHu;
        double structuralScore;
        double weakScore;
        double linearPredictor;
        HazardModel.Outcome outcome;
    }
}
