/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's autograd switch is per thread and on by default in every new thread; DJL turns it off
 * only on the thread that started the engine, and a gradient collector turns it on and off around
 * its own work. Code that may run on any thread (a job worker, a web request) calls
 * {@link #disable()} before inference or parameter updates: otherwise inference records graphs it
 * never uses and in-place updates of parameters fail ("a leaf Variable that requires grad is being
 * used in an in-place operation").
 */
public final class GradMode {

    private GradMode() {
    }

    /** Turns autograd recording off for the calling thread. */
    public static void disable() {
        Engine.getEngine("PyTorch"); // loads the native library on first use
        if (JniUtils.isGradMode()) {
            JniUtils.setGradMode(false);
        }
    }
}
