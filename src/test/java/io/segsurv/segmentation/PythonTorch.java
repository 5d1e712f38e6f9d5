/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scripts of {@code src/test/python} with Debian's /usr/bin/python3 and python3-torch
 * (the first python3 on PATH may be a separate build without Debian's modules; STACK.md).
 */
public final class PythonTorch {

    public static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final Path SCRIPTS = Path.of("src/test/python");

    private static Boolean available;

    private PythonTorch() {
    }

    /** Whether /usr/bin/python3 can import torch and numpy. */
    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch, numpy").redirectErrorStream(true).start();
                available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /** Runs {@code script} with {@code args}; returns its output, or throws with the output if it fails. */
    public static String run(String script, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPTS.resolve(script).toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(script + " did not finish within " + timeoutSeconds + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(script + " failed with exit code " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
