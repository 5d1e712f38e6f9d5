/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.segsurv.segmentation.TestVolumes;
import io.segsurv.segmentation.engines.AdamOptimizer;
import io.segsurv.segmentation.engines.TrainingStep;
import io.segsurv.segmentation.inferers.SegmentationInferer;
import io.segsurv.segmentation.networks.SegmentationModel;
import io.segsurv.segmentation.networks.UNetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 5's performance targets for the paper network (5 levels, 32..512 channels, 96 x 96 x 48,
 * batch 1) on the CPU: training step (forward, Dice + BCE, backward, Adam), forward pass,
 * bottleneck extraction, peak resident memory, achieved GFLOP/s and the fraction of the FP32 peak
 * ({@code cores x 16 AVX-512 lanes x 2 FMA units x 2 flop x clock}; the FLOPs are counted
 * analytically by {@link UNetConfig#trainingStepFlops()}); and, in the same run, the same network
 * and step in Debian's PyTorch (src/test/python/unet_bench.py, /usr/bin/python3): as it comes
 * (its default thread count, none of the tuning variables), and with this JVM's threads and
 * environment. Goals: step at most 0.5x PyTorch's, at least 30 % of peak, extraction at most 0.5 s,
 * peak RSS at most 4 GB. Not a test: run
 * <pre>
 *   java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:$(cat cp.txt) io.segsurv.bench.UNetBench [steps [--no-pytorch]]
 * </pre>
 * with the environment of docs/BENCHMARKS.md.
 */
public final class UNetBench {

    private UNetBench() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        boolean withPyTorch = args.length < 2 || !args[1].equals("--no-pytorch");
        UNetConfig c = UNetConfig.PAPER;
        int cores = Runtime.getRuntime().availableProcessors();
        double mhz = cpuMhz();
        double peak = cores * 16 * 2 * 2 * mhz / 1000; // GFLOP/s
        System.out.printf(Locale.ROOT, "engine: %s %s, intra-op threads %s, OMP_WAIT_POLICY=%s, GLIBC_TUNABLES=%s, LD_PRELOAD=%s%n",
                Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"), System.getenv("OMP_WAIT_POLICY"),
                System.getenv("GLIBC_TUNABLES"), System.getenv("LD_PRELOAD"));
        System.out.printf(Locale.ROOT, "machine: %d cores at %.0f MHz, FP32 peak %.1f GFLOP/s (cores x 16 lanes x 2 FMA x 2 x clock)%n",
                cores, mhz, peak);
        float[] image = TestVolumes.gaussian(c.voxels(), 1);
        float[] mask = sphere(c);
        double[] train = new double[steps];
        double[] forward = new double[steps];
        double[] extract = new double[steps];
        try (SegmentationModel model = SegmentationModel.create(c, Device.cpu(), 1);
                AdamOptimizer adam = new AdamOptimizer(model.parameters(), model.manager(), 0.9, 0.999, 1e-8, 1e-5)) {
            System.out.printf(Locale.ROOT, "network: %s, %.1f M parameters, forward %.1f GMAC, training step %.1f GFLOP%n", c,
                    model.parameterCount() / 1e6, c.forwardMultiplyAdds() / 1e9, c.trainingStepFlops() / 1e9);
            SegmentationInferer inferer = new SegmentationInferer(model);
            TrainingStep.run(model, adam, List.of(image), List.of(mask), 1e-4); // warm-up
            inferer.probabilities(image);
            inferer.bottleneck(List.of(image), 1);
            for (int i = 0; i < steps; i++) {
                train[i] = time(() -> TrainingStep.run(model, adam, List.of(image), List.of(mask), 1e-4));
                forward[i] = time(() -> inferer.probabilities(image));
                extract[i] = time(() -> inferer.bottleneck(List.of(image), 1));
                System.out.printf(Locale.ROOT, "  run %d: step %.2f s, forward %.2f s, extraction %.3f s%n", i + 1, train[i], forward[i],
                        extract[i]);
            }
        }
        double step = median(train);
        double gflops = c.trainingStepFlops() / 1e9 / step;
        System.out.printf(Locale.ROOT, "DJL training step: median %.2f s of %s%n", step, Arrays.toString(round(train)));
        System.out.printf(Locale.ROOT, "DJL forward: median %.2f s; bottleneck extraction: median %.3f s per case%n", median(forward),
                median(extract));
        System.out.printf(Locale.ROOT, "achieved %.1f GFLOP/s = %.1f %% of FP32 peak (forward %.1f GFLOP/s)%n", gflops,
                100 * gflops / peak, 2 * c.forwardMultiplyAdds() / 1e9 / median(forward));
        System.out.printf(Locale.ROOT, "peak RSS (VmHWM): %.0f MB%n", vmHwmKb() / 1024.0);
        if (withPyTorch) {
            // the reference: Debian's PyTorch as it comes (its default thread count, no tuning variables)
            double plain = pytorch(steps, 0, c, true);
            // and the fair one: the same threads and the same environment as this JVM
            double same = pytorch(steps, cores, c, false);
            System.out.printf(Locale.ROOT, "RATIO train step djl/pytorch = %.3f%n", step / plain);
            System.out.printf(Locale.ROOT, "RATIO train step djl/pytorch-same-threads-and-environment = %.3f%n", step / same);
        }
    }

    /**
     * Median step time of Debian's PyTorch from unet_bench.py, with {@code threads} threads (0: torch's
     * default); {@code plain}: without this JVM's OMP_WAIT_POLICY, LD_PRELOAD and GLIBC_TUNABLES.
     */
    private static double pytorch(int steps, int threads, UNetConfig c, boolean plain) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "src/test/python/unet_bench.py", Integer.toString(steps),
                Integer.toString(threads), Integer.toString(c.nx()), Integer.toString(c.ny()), Integer.toString(c.nz())));
        c.channels().forEach(ch -> command.add(Integer.toString(ch)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (plain) {
            pb.environment().keySet().removeAll(List.of("OMP_WAIT_POLICY", "LD_PRELOAD", "GLIBC_TUNABLES"));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("unet_bench.py failed:\n" + out);
        }
        System.out.print("PyTorch: " + out);
        Matcher m = Pattern.compile("\"step_seconds\": \\[([^]]*)]").matcher(out);
        if (!m.find()) {
            throw new IOException("no step times in the output of unet_bench.py");
        }
        double[] times = Arrays.stream(m.group(1).split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        double median = median(times);
        System.out.printf(Locale.ROOT, "PyTorch training step (%s): median %.2f s = %.1f GFLOP/s%n",
                (threads == 0 ? "default threads" : threads + " threads") + (plain ? ", plain environment" : ", same environment"),
                median, c.trainingStepFlops() / 1e9 / median);
        return median;
    }

    private static float[] sphere(UNetConfig c) {
        float[] m = new float[c.voxels()];
        for (int z = 0, i = 0; z < c.nz(); z++) {
            for (int y = 0; y < c.ny(); y++) {
                for (int x = 0; x < c.nx(); x++, i++) {
                    double d = Math.pow(x - c.nx() / 2.0, 2) + Math.pow(y - c.ny() / 2.0, 2) + Math.pow(z - c.nz() / 2.0, 2);
                    m[i] = d < Math.pow(c.nz() / 4.0, 2) ? 1 : 0;
                }
            }
        }
        return m;
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double[] round(double[] a) {
        return Arrays.stream(a).map(v -> Math.round(v * 100) / 100.0).toArray();
    }

    private static double cpuMhz() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("cpu MHz")) {
                return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IOException("no 'cpu MHz' in /proc/cpuinfo");
    }

    private static long vmHwmKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
