/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regions of interest of an RT Structure Set: names, frames of reference and closed planar
 * contours (ContourData, patient coordinates in mm).
 */
public record StructureSet(String sopInstanceUid, String frameOfReferenceUid, List<Roi> rois, List<String> warnings) {

    /** @param contours each an array x0, y0, z0, x1, ... of one CLOSED_PLANAR contour */
    public record Roi(int number, String name, String frameOfReferenceUid, List<double[]> contours) {
    }

    public static StructureSet parse(DicomInstance instance) throws DicomProblem {
        AttributeList list = instance.attributes();
        String source = instance.source();
        List<String> warnings = new ArrayList<>();
        String frame = "";
        if (list.get(Tags.of("ReferencedFrameOfReferenceSequence")) instanceof SequenceAttribute refs && refs.getNumberOfItems() > 0) {
            frame = Attribute.getSingleStringValueOrEmptyString(refs.getItem(0).getAttributeList(), Tags.of("FrameOfReferenceUID")).strip();
        }
        if (frame.isEmpty()) {
            frame = instance.frameOfReferenceUid();
        }
        Map<Integer, String[]> names = new LinkedHashMap<>();
        if (list.get(Tags.of("StructureSetROISequence")) instanceof SequenceAttribute rois) {
            for (int i = 0; i < rois.getNumberOfItems(); i++) {
                AttributeList item = rois.getItem(i).getAttributeList();
                int number = Attribute.getSingleIntegerValueOrDefault(item, Tags.of("ROINumber"), -1);
                String name = Attribute.getSingleStringValueOrEmptyString(item, Tags.of("ROIName")).strip();
                String roiFrame = Attribute.getSingleStringValueOrEmptyString(item, Tags.of("ReferencedFrameOfReferenceUID")).strip();
                names.put(number, new String[] {name, roiFrame.isEmpty() ? frame : roiFrame});
            }
        } else {
            throw new DicomProblem(source, "is an RT Structure Set without a StructureSetROISequence");
        }
        Map<Integer, List<double[]>> contours = new LinkedHashMap<>();
        if (list.get(Tags.of("ROIContourSequence")) instanceof SequenceAttribute roiContours) {
            for (int i = 0; i < roiContours.getNumberOfItems(); i++) {
                AttributeList item = roiContours.getItem(i).getAttributeList();
                int number = Attribute.getSingleIntegerValueOrDefault(item, Tags.of("ReferencedROINumber"), -1);
                List<double[]> polygons = contours.computeIfAbsent(number, k -> new ArrayList<>());
                if (item.get(Tags.of("ContourSequence")) instanceof SequenceAttribute cs) {
                    for (int c = 0; c < cs.getNumberOfItems(); c++) {
                        SequenceItem contour = cs.getItem(c);
                        AttributeList cl = contour.getAttributeList();
                        String type = Attribute.getSingleStringValueOrEmptyString(cl, Tags.of("ContourGeometricType")).strip();
                        double[] data;
                        try {
                            data = Attribute.getDoubleValues(cl, Tags.of("ContourData"));
                        } catch (RuntimeException e) {
                            data = null;
                        }
                        if (data == null || data.length < 9 || data.length % 3 != 0) {
                            warnings.add(source + ": ROI " + number + " has a contour with " + (data == null ? 0 : data.length)
                                    + " coordinates (needs at least 3 points); ignored");
                            continue;
                        }
                        if (!type.isEmpty() && !type.equals("CLOSED_PLANAR")) {
                            warnings.add(source + ": ROI " + number + " has a " + type + " contour; only CLOSED_PLANAR is used");
                            continue;
                        }
                        polygons.add(data);
                    }
                }
            }
        }
        List<Roi> result = new ArrayList<>();
        for (var e : names.entrySet()) {
            result.add(new Roi(e.getKey(), e.getValue()[0], e.getValue()[1], List.copyOf(contours.getOrDefault(e.getKey(), List.of()))));
        }
        return new StructureSet(instance.sopInstanceUid(), frame, List.copyOf(result), List.copyOf(warnings));
    }
}
