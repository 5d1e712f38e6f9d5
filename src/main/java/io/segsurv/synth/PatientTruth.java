/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

/**
 * The ground truth of one synthetic patient: the clinical row, the latent risk and its inputs,
 * the tumour's geometry and the latent event times. {@link #measured} holds values measured on the
 * rendered images and is null when only the clinical level was sampled.
 *
 * @param causeOfDeath as in clinical.csv: "disease", "other", or "" (alive, or a CT-only cohort)
 * @param diseaseDeath the latent cause: true when the observed death was disease-specific
 * @param linearPredictor eta of the hazard model (structural - centring + weak)
 * @param structuralScore the part of eta from the image: surroundings, spiculation, irregularity, necrosis, vessel
 *     contact, satellite
 * @param surroundings non-lung share of the 96 x 96 x 48 mm box around the tumour's centre of mass
 * @param weakScore the part of eta from log volume and log uptake
 * @param volumeCm3 exact volume of the tumour shape
 * @param uptakeSuv the SUV level of the viable tumour before heterogeneity, blur and noise
 * @param radiusCv coefficient of variation of the surface radius (a measured irregularity)
 * @param side "right" or "left" lung
 * @param patientPosition "HFS" or "FFS"
 * @param centre tumour centre (patient coordinates, mm): the shape's origin
 * @param centreOfMass tumour centre of mass (mm)
 * @param satelliteCentre satellite nodule centre (mm), null without one
 */
public record PatientTruth(String patientId, int index, double ageYears, String gender, String stage, String histology,
        int survivalDays, boolean dead, String causeOfDeath, boolean diseaseDeath, double linearPredictor,
        double structuralScore, double weakScore, double volumeCm3, double uptakeSuv, double nominalSuvMean,
        double nominalTlg, double spiculation, int spicules, double irregularity, double radiusCv, boolean necrosis,
        double necrosisFraction, boolean vesselContact, boolean satellite, double surroundings, String side,
        String patientPosition,
        double[] centre,
        double[] centreOfMass, double[] satelliteCentre, double satelliteRadiusMm, double diseaseDeathDays,
        double otherDeathDays, double censorDays, Measured measured) {

    /**
     * Values measured on the rendered images.
     *
     * @param ctVolumeCm3 voxels of the CT tumour mask (GTV-1) times the voxel volume
     * @param suvMax maximum SUV over PET voxels whose centre lies in the tumour (GTV_PET); NaN for CT only
     * @param suvAtCentre SUV of the PET voxel nearest to {@link #centre}; NaN for CT only
     * @param petCentreVoxel {column, row, stored slice index} of that voxel; null for CT only
     */
    public record Measured(int ctSlices, int petSlices, double ctPixelMm, double ctSliceMm, double petPixelMm,
            double petSliceMm, double ctVolumeCm3, double suvMax, double suvMean,
            double mtvCm3, double tlg, double suvAtCentre, int[] petCentreVoxel) {
    }

    static PatientTruth of(SyntheticPatient p, boolean ctOnly, Measured measured) {
        HazardModel.Outcome o = p.outcome;
        String cause = ctOnly || !o.dead() ? "" : o.diseaseSpecific() ? "disease" : "other";
        TumourShape t = p.tumour;
        return new PatientTruth(p.patientId, p.index, p.ageYears, p.male ? "male" : "female", p.stage, p.histology,
                o.survivalDays(), o.dead(), cause, o.dead() && o.diseaseSpecific(), p.linearPredictor,
                p.structuralScore, p.weakScore, t.volumeMm3 / 1000, p.uptakeSuv, p.nominalSuvMean(), p.nominalTlg(),
                p.spiculation, t.spicules, p.irregularity, t.radiusCv, p.necrosis, p.necrosisFraction,
                p.vesselContact, p.satellite, p.surroundings, p.side == Anatomy.RIGHT ? "right" : "left",
                p.feetFirst ? "FFS" : "HFS",
                new double[] {t.cx, t.cy, t.cz}, t.centreOfMass.clone(),
                p.satelliteCentre == null ? null : p.satelliteCentre.clone(), p.satellite ? p.satelliteRadius : 0,
                o.diseaseDeathDays(), o.otherDeathDays(), o.censorDays(), measured);
    }

    /** Alive at the horizon: 1; dead before it: 0; unknown (censored before it): null. */
    public Integer aliveAt(double years) {
        double horizon = years * HazardModel.DAYS_PER_YEAR;
        if (survivalDays >= horizon) {
            return 1;
        }
        return dead ? 0 : null;
    }

    /** Qualifies for the overall-survival endpoint at this horizon (METHOD.md): the outcome is known. */
    public boolean qualifiesOverall(double years) {
        return aliveAt(years) != null;
    }

    /** Qualifies for the disease-specific endpoint: known, and not a death from another cause before it. */
    public boolean qualifiesDiseaseSpecific(double years) {
        Integer a = aliveAt(years);
        return a != null && (a == 1 || diseaseDeath);
    }
}
