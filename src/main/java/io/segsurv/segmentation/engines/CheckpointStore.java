/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import io.segsurv.segmentation.networks.SegmentationModel;
import io.segsurv.segmentation.networks.WeightFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * A training run's directory:
 * <pre>
 *   epoch-NNNN/model.safetensors       weights after epoch NNNN (docs/MODEL_FORMAT.md)
 *   epoch-NNNN/optimizer.safetensors   Adam's moments m.NAME, v.NAME
 *   epoch-NNNN/state.json              {@link TrainingState}: options, split, epoch, generator state, history, ...
 *   best-model.safetensors             weights of the best epoch so far, with their metadata
 * </pre>
 * An epoch is written into {@code epoch-NNNN.partial} and renamed when complete, then older epochs
 * are deleted: a crash at any moment leaves the previous complete epoch to resume from.
 */
public final class CheckpointStore {

    public static final String BEST_MODEL = "best-model.safetensors";
    static final String MODEL = "model.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String STATE = "state.json";
    private static final String PARTIAL = ".partial";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    public Path bestModel() {
        return dir.resolve(BEST_MODEL);
    }

    /** The last complete epoch's directory, if any. */
    public Optional<Path> latest() throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d{4,}") && Files.isDirectory(p))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getFileName().toString().substring(6))));
        }
    }

    /** The state stored in an epoch directory. */
    public TrainingState state(Path epochDir) throws IOException {
        TrainingState s;
        try {
            s = JSON.readValue(epochDir.resolve(STATE).toFile(), TrainingState.class);
        } catch (RuntimeException e) {
            throw new IOException(epochDir.resolve(STATE) + " is not a readable training state: " + e.getMessage(), e);
        }
        if (s.formatVersion() != TrainingState.FORMAT_VERSION) {
            throw new IOException(epochDir.resolve(STATE) + " has format version " + s.formatVersion() + "; this build reads "
                    + TrainingState.FORMAT_VERSION);
        }
        return s;
    }

    /** Reads the weights and the optimizer moments of an epoch directory into {@code model} and {@code adam}. */
    public void restore(Path epochDir, TrainingState state, SegmentationModel model, AdamOptimizer adam) throws IOException {
        model.setWeights(WeightFile.read(epochDir.resolve(MODEL)));
        adam.restore(WeightFile.read(epochDir.resolve(OPTIMIZER)), state.optimizerSteps());
    }

    /** Writes one epoch's checkpoint and removes the older ones. */
    public void save(TrainingState state, SegmentationModel model, AdamOptimizer adam, Map<String, String> metadata)
            throws IOException {
        Files.createDirectories(dir);
        String name = String.format("epoch-%04d", state.epoch());
        Path partial = dir.resolve(name + PARTIAL);
        deleteTree(partial);
        Files.createDirectories(partial);
        model.save(partial.resolve(MODEL), metadata);
        WeightFile.write(partial.resolve(OPTIMIZER), Map.of("optimizer", "adam", "steps", Long.toString(state.optimizerSteps())),
                adam.state());
        Path tmp = partial.resolve(STATE + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
        Files.move(tmp, partial.resolve(STATE), StandardCopyOption.ATOMIC_MOVE);
        Path target = dir.resolve(name);
        deleteTree(target);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("epoch-") && !n.equals(name)) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Writes the best weights (atomically replacing the previous best). */
    public void saveBest(SegmentationModel model, Map<String, String> metadata) throws IOException {
        Files.createDirectories(dir);
        model.save(bestModel(), metadata);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
            for (Path q : all) {
                Files.delete(q);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
