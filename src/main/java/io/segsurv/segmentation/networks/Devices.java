/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** The compute device by name: {@code cpu} (the default) or {@code gpu} / {@code gpu:N}. */
public final class Devices {

    private Devices() {
    }

    /**
     * The device called {@code name}; a GPU must be visible to PyTorch, which needs the build with
     * the CUDA native library ({@code mvn -Pcuda}, README).
     */
    public static Device of(String name) {
        String n = name == null ? "cpu" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.equals("gpu") || n.matches("gpu:\\d+")) {
            int id = n.equals("gpu") ? 0 : Integer.parseInt(n.substring(4));
            int gpus = Engine.getInstance().getGpuCount();
            if (id >= gpus) {
                throw new IllegalArgumentException("device '" + name + "' requested but PyTorch sees " + gpus
                        + " GPU(s): build with the CUDA profile (mvn -Pcuda, pytorch-native-cu124) and check the NVIDIA driver");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("unknown device '" + name + "': use cpu, gpu or gpu:N");
    }
}
