/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Named float32 tensors with string metadata in one file, in the layout of the "safetensors" format
 * (docs/MODEL_FORMAT.md), so Python reads it with {@code json} and {@code numpy} alone:
 * <ol>
 *   <li>uint64 little-endian {@code N}, the header length in bytes;</li>
 *   <li>{@code N} bytes of UTF-8 JSON, padded with spaces to a multiple of 8:
 *     {@code {"__metadata__": {"key": "value", ...}, "name": {"dtype": "F32", "shape": [..],
 *     "data_offsets": [begin, end]}, ...}}, offsets in bytes from the start of the data;</li>
 *   <li>the data: every tensor as float32 little-endian in C order (last axis fastest), back to
 *     back in header order, nothing after.</li>
 * </ol>
 * Files are written through a temporary file and moved into place, so a crash never leaves a
 * partial file under the name.
 */
public final class WeightFile {

    /** Key of the metadata object in the header. */
    static final String METADATA = "__metadata__";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_HEADER = 100L << 20;

    private WeightFile() {
    }

    /** One named tensor; {@code data} holds {@code product(shape)} values in C order. */
    public record Tensor(String name, long[] shape, float[] data) {
        public Tensor {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.equals(METADATA)) {
                throw new IllegalArgumentException("tensor name must be non-empty and not " + METADATA);
            }
            shape = shape.clone();
            long n = 1;
            for (long s : shape) {
                if (s < 0) {
                    throw new IllegalArgumentException("tensor " + name + " has a negative dimension " + Arrays.toString(shape));
                }
                n = Math.multiplyExact(n, s);
            }
            if (n != data.length) {
                throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " needs " + n
                        + " values, got " + data.length);
            }
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /** What a file holds: metadata and tensors, both in file order. */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors) {
        public Contents {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }

        /** The tensor called {@code name}, or an exception naming the file's content. */
        public Tensor tensor(String name) {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no tensor '" + name + "' in the weight file (it has " + tensors.size()
                        + " tensors)");
            }
            return t;
        }
    }

    public static void write(Path file, Map<String, String> metadata, Collection<Tensor> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject(METADATA);
        metadata.forEach(meta::put);
        long offset = 0;
        for (Tensor t : tensors) {
            if (header.has(t.name())) {
                throw new IllegalArgumentException("tensor name '" + t.name() + "' occurs twice");
            }
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long s : t.shape()) {
                shape.add(s);
            }
            long end = offset + 4L * t.data().length;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');

        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
                out.write(headerBytes);
                ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (Tensor t : tensors) {
                    float[] d = t.data();
                    for (int i = 0; i < d.length; ) {
                        int n = Math.min(d.length - i, chunk.capacity() / 4);
                        chunk.clear();
                        chunk.asFloatBuffer().put(d, i, n);
                        out.write(chunk.array(), 0, 4 * n);
                        i += n;
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer lenBuf = readFully(ch, 0, 8, file);
            long n = lenBuf.order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 2 || n > MAX_HEADER || 8 + n > size) {
                throw new IOException(file + " is not a weight file: header length " + n + " does not fit a file of " + size
                        + " bytes");
            }
            JsonNode header;
            try {
                header = JSON.readTree(new String(readFully(ch, 8, (int) n, file).array(), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new IOException(file + " is not a weight file: its header is not JSON (" + e.getMessage() + ")", e);
            }
            if (header == null || !header.isObject()) {
                throw new IOException(file + " is not a weight file: its header is not a JSON object");
            }
            long dataStart = 8 + n;
            long dataLength = size - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (var field : header.properties()) {
                if (field.getKey().equals(METADATA)) {
                    field.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asString()));
                } else {
                    entries.add(entry(field.getKey(), field.getValue(), file));
                }
            }
            checkCoverage(entries, dataLength, file);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer b = readFully(ch, dataStart + e.begin, Math.toIntExact(e.end - e.begin), file);
                float[] data = new float[(int) ((e.end - e.begin) / 4)];
                b.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
                tensors.put(e.name, new Tensor(e.name, e.shape, data));
            }
            return new Contents(metadata, tensors);
        }
    }

    private record Entry(String name, long[] shape, long begin, long end) {
    }

    private static Entry entry(String name, JsonNode node, Path file) throws IOException {
        String dtype = node.path("dtype").asString("");
        if (!dtype.equals("F32")) {
            throw new IOException(file + ": tensor '" + name + "' has dtype '" + dtype + "'; SegSurv weight files hold F32 only");
        }
        JsonNode shapeNode = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException(file + ": tensor '" + name + "' needs a shape array and two data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (shape[i] < 0) {
                throw new IOException(file + ": tensor '" + name + "' has an invalid shape " + shapeNode);
            }
            count = Math.multiplyExact(count, shape[i]);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end - begin != 4 * count || count > Integer.MAX_VALUE) {
            throw new IOException(file + ": tensor '" + name + "' of shape " + shapeNode + " has data_offsets " + offsets
                    + " (expected " + 4 * count + " bytes)");
        }
        return new Entry(name, shape, begin, end);
    }

    /** The tensors must tile the data exactly: no gaps, no overlaps, nothing after. */
    private static void checkCoverage(List<Entry> entries, long dataLength, Path file) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin));
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin != expected) {
                throw new IOException(file + ": tensor '" + e.name + "' starts at byte " + e.begin + ", expected " + expected
                        + " (gap or overlap)");
            }
            expected = e.end;
        }
        if (expected != dataLength) {
            throw new IOException(file + ": the tensors cover " + expected + " bytes but the file holds " + dataLength
                    + " bytes of data (truncated or trailing bytes)");
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException(file + " ends early (truncated weight file)");
            }
        }
        return b.flip();
    }
}
