/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * Pure-Java pre-processing of PET/CT for SegSurv (METHOD.md section 2): contours to masks, SUV,
 * resampling onto a 1-mm grid, cropping around the tumour and intensity scaling.
 *
 * <p>Shaped like MONAI's transforms: each class does one job and is configured in its
 * constructor or by a self-validating options record; {@link io.segsurv.imaging.Preprocessor}
 * is the engine that combines them. No Spring, jOOQ, Vaadin or DICOM library is used here: the
 * DICOM layer hands over plain arrays and numbers.
 *
 * <p>Coordinates are those of the DICOM patient coordinate system (LPS, millimetres; PS3.3
 * C.7.6.2.1.1). Voxel arrays are laid out with the column index fastest:
 * {@code index = i + nx * (j + ny * k)}.
 */
package io.segsurv.imaging;
