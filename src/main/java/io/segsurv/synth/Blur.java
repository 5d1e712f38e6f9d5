/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.util.stream.IntStream;

/** Separable Gaussian blurs on slice-major float volumes, parallel over slices or lines. */
final class Blur {

    private Blur() {
    }

    /** Normalised kernel of half-width ceil(3 sigma); null when sigma is too small to matter. */
    static float[] kernel(double sigma) {
        if (sigma < 0.2) {
            return null;
        }
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double v = Math.exp(-0.5 * i * i / (sigma * sigma));
            k[i + r] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (k[i] / sum);
        }
        return k;
    }

    /** In-plane blur of one slice, in place (edges replicated). */
    static void blur2d(float[] img, int width, int height, float[] kernel) {
        if (kernel == null) {
            return;
        }
        int r = kernel.length / 2;
        float[] line = new float[Math.max(width, height) + 2 * r];
        for (int j = 0; j < height; j++) {
            int off = j * width;
            for (int i = -r; i < width + r; i++) {
                line[i + r] = img[off + Math.max(0, Math.min(width - 1, i))];
            }
            for (int i = 0; i < width; i++) {
                float s = 0;
                for (int t = 0; t < kernel.length; t++) {
                    s += kernel[t] * line[i + t];
                }
                img[off + i] = s;
            }
        }
        for (int i = 0; i < width; i++) {
            for (int j = -r; j < height + r; j++) {
                line[j + r] = img[Math.max(0, Math.min(height - 1, j)) * width + i];
            }
            for (int j = 0; j < height; j++) {
                float s = 0;
                for (int t = 0; t < kernel.length; t++) {
                    s += kernel[t] * line[j + t];
                }
                img[j * width + i] = s;
            }
        }
    }

    /** One output slice of the blur across slices (edges replicated). */
    static float[] blurZ(float[][] volume, int k, float[] kernel) {
        float[] src = volume[k];
        if (kernel == null) {
            return src.clone();
        }
        int r = kernel.length / 2;
        int n = volume.length;
        float[] out = new float[src.length];
        for (int t = -r; t <= r; t++) {
            float w = kernel[t + r];
            float[] s = volume[Math.max(0, Math.min(n - 1, k + t))];
            for (int p = 0; p < out.length; p++) {
                out[p] += w * s[p];
            }
        }
        return out;
    }

    /** Full 3D blur, returning a new volume. */
    static float[][] blur3d(float[][] volume, int width, int height, float[] inPlane, float[] across) {
        IntStream.range(0, volume.length).parallel().forEach(k -> blur2d(volume[k], width, height, inPlane));
        float[][] out = new float[volume.length][];
        IntStream.range(0, volume.length).parallel().forEach(k -> out[k] = blurZ(volume, k, across));
        return out;
    }
}
