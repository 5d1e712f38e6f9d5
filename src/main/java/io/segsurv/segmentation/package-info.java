/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * The segmentation engine (METHOD.md section 3): 3D U-Nets for CT and PET in DJL with the PyTorch
 * engine, trained to segment the tumour; their bottleneck activations are the paper's features.
 *
 * <p>Shaped like MONAI, each part in its own sub-package and none defining another's work:
 * <ul>
 *   <li>{@code networks}: the {@link io.segsurv.segmentation.networks.UNet3d} block, its
 *     configuration, the bottleneck feature names, the weight file and the model holder;</li>
 *   <li>{@code losses}: Dice + binary cross-entropy;</li>
 *   <li>{@code metrics}: Dice on binarised masks, mean and standard deviation;</li>
 *   <li>{@code transforms}: seeded spatial augmentation of image and mask together;</li>
 *   <li>{@code engines}: the training engine with split, Adam, early stopping and resumable checkpoints;</li>
 *   <li>{@code inferers}: mask prediction and bottleneck feature extraction.</li>
 * </ul>
 *
 * <p>A computational core: no Spring, jOOQ or Vaadin (ArchitectureTest). Volumes are plain
 * {@code float[]} laid out like {@link io.segsurv.imaging.PreprocessedCase}, x fastest:
 * {@code index = x + nx * (y + ny * z)}; as NDArrays they are {@code (N, C, D, H, W)} with
 * {@code D = z}, {@code H = y}, {@code W = x}, so the Java array is the C-order memory of one channel.
 */
package io.segsurv.segmentation;
