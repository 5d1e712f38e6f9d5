/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.dicom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image series with its slices ordered by position along the slice normal (never by file name
 * or instance number), and what was found wrong with its geometry.
 *
 * @param slices   one instance per position, in increasing order along the normal
 * @param normal   unit normal of the image planes (row direction x column direction)
 * @param spacing  the median distance between neighbouring slices, mm
 * @param problems fatal problems: the series cannot be used
 * @param warnings problems reported to the user; the series is still usable
 */
public record ImageSeries(String seriesUid, String modality, String frameOfReferenceUid, List<DicomInstance> slices,
                          double[] normal, double spacing, List<String> problems, List<String> warnings) {

    private static final double ORIENTATION_TOLERANCE = 1e-3;

    /** Orders and checks the instances of one series. */
    public static ImageSeries of(List<DicomInstance> instances) {
        DicomInstance first = instances.getFirst();
        String label = first.modality() + " series " + first.seriesUid();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        double[] iop = first.imageOrientation();
        if (iop == null) {
            problems.add(label + ": " + first.source() + " has no ImageOrientationPatient");
            return new ImageSeries(first.seriesUid(), first.modality(), first.frameOfReferenceUid(), instances, null, 0, problems, warnings);
        }
        double[] normal = cross(iop);
        for (DicomInstance d : instances) {
            if (d.imagePosition() == null || d.imageOrientation() == null) {
                problems.add(label + ": " + d.source() + " has no ImagePositionPatient or ImageOrientationPatient");
            } else if (!sameOrientation(iop, d.imageOrientation())) {
                problems.add(label + ": mixed orientations (" + d.source() + " differs from " + first.source() + ")");
            }
            if (d.rows() != first.rows() || d.columns() != first.columns()) {
                problems.add(label + ": " + d.source() + " is " + d.rows() + "x" + d.columns() + " where the series is "
                        + first.rows() + "x" + first.columns());
            }
            if (!first.frameOfReferenceUid().equals(d.frameOfReferenceUid())) {
                problems.add(label + ": " + d.source() + " has another Frame of Reference");
            }
        }
        if (!problems.isEmpty()) {
            return new ImageSeries(first.seriesUid(), first.modality(), first.frameOfReferenceUid(), instances, normal, 0, problems, warnings);
        }
        List<DicomInstance> sorted = new ArrayList<>(instances);
        sorted.sort(Comparator.comparingDouble(d -> dot(d.imagePosition(), normal)));
        // duplicates: the same position twice (kept once) — identical SOP Instance UIDs never get here
        Map<Long, DicomInstance> byPosition = new LinkedHashMap<>();
        for (DicomInstance d : sorted) {
            long key = Math.round(dot(d.imagePosition(), normal) * 1000);
            DicomInstance previous = byPosition.putIfAbsent(key, d);
            if (previous != null) {
                warnings.add(label + ": duplicate slice at " + key / 1000.0 + " mm (" + d.source() + " and " + previous.source()
                        + "); the first is used");
            }
        }
        List<DicomInstance> slices = new ArrayList<>(byPosition.values());
        double spacing = 0;
        if (slices.size() > 1) {
            double[] gaps = new double[slices.size() - 1];
            for (int i = 1; i < slices.size(); i++) {
                gaps[i - 1] = dot(slices.get(i).imagePosition(), normal) - dot(slices.get(i - 1).imagePosition(), normal);
            }
            double[] sortedGaps = gaps.clone();
            java.util.Arrays.sort(sortedGaps);
            spacing = sortedGaps[sortedGaps.length / 2];
            for (int i = 0; i < gaps.length; i++) {
                double ratio = gaps[i] / spacing;
                if (ratio > 1.5) {
                    long missing = Math.round(ratio) - 1;
                    warnings.add(label + ": " + missing + " missing slice(s) between " + slices.get(i).source() + " and "
                            + slices.get(i + 1).source() + " (gap " + round(gaps[i]) + " mm, spacing " + round(spacing) + " mm)");
                } else if (Math.abs(gaps[i] - spacing) > 0.01 * spacing + 0.01) {
                    warnings.add(label + ": non-uniform slice spacing (" + round(gaps[i]) + " mm between " + slices.get(i).source()
                            + " and " + slices.get(i + 1).source() + ", median " + round(spacing) + " mm)");
                }
            }
            // gantry tilt: the line through the slice positions is not along the normal
            double[] delta = new double[3];
            double[] a = slices.getFirst().imagePosition();
            double[] b = slices.getLast().imagePosition();
            for (int i = 0; i < 3; i++) {
                delta[i] = b[i] - a[i];
            }
            double length = Math.sqrt(dot(delta, delta));
            if (length > 0) {
                double cos = Math.abs(dot(delta, normal)) / length;
                double degrees = Math.toDegrees(Math.acos(Math.min(1, cos)));
                if (degrees > 0.5) {
                    warnings.add(label + ": gantry tilt of " + round(degrees) + " degrees (slice positions are not along the normal)");
                }
            }
        }
        return new ImageSeries(first.seriesUid(), first.modality(), first.frameOfReferenceUid(), List.copyOf(slices), normal, spacing,
                List.copyOf(problems), List.copyOf(warnings));
    }

    private static boolean sameOrientation(double[] a, double[] b) {
        for (int i = 0; i < 6; i++) {
            if (Math.abs(a[i] - b[i]) > ORIENTATION_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    static double[] cross(double[] iop) {
        double[] n = {iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]};
        double len = Math.sqrt(dot(n, n));
        return new double[] {n[0] / len, n[1] / len, n[2] / len};
    }

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
