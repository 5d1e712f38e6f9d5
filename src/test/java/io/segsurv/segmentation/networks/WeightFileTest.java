/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFileTest {

    @TempDir
    Path dir;

    private final WeightFile.Tensor a = new WeightFile.Tensor("enc0.conv1.weight", new long[] {2, 1, 1, 1, 3},
            new float[] {1, -2, 3.5f, Float.MIN_VALUE, -0f, 1e30f});
    private final WeightFile.Tensor b = new WeightFile.Tensor("head.bias", new long[] {1}, new float[] {0.25f});

    @Test
    void roundTripKeepsNamesShapesValuesMetadataAndOrder() throws IOException {
        Path f = dir.resolve("w.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "test");
        meta.put("note", "ünïcode \"quoted\"");
        WeightFile.write(f, meta, List.of(b, a));
        WeightFile.Contents c = WeightFile.read(f);
        assertThat(c.metadata()).containsExactlyEntriesOf(meta);
        assertThat(c.tensors().keySet()).containsExactly("head.bias", "enc0.conv1.weight");
        assertThat(c.tensor("enc0.conv1.weight").shape()).containsExactly(2, 1, 1, 1, 3);
        assertThat(c.tensor("enc0.conv1.weight").data()).containsExactly(a.data());
        assertThat(c.tensor("head.bias").data()).containsExactly(0.25f);
        assertThatThrownBy(() -> c.tensor("missing")).hasMessageContaining("no tensor 'missing'");
    }

    @Test
    void layoutIsTheDocumentedOne() throws IOException {
        Path f = dir.resolve("w.safetensors");
        WeightFile.write(f, Map.of("k", "v"), List.of(b, a));
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        assertThat(n % 8).isZero();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{\"__metadata__\":{\"k\":\"v\"},\"head.bias\":{\"dtype\":\"F32\",\"shape\":[1],"
                + "\"data_offsets\":[0,4]},\"enc0.conv1.weight\":{\"dtype\":\"F32\",\"shape\":[2,1,1,1,3],\"data_offsets\":[4,28]}}");
        assertThat(bytes.length).isEqualTo(8 + n + 28);
        // data: head.bias then the six weights, float32 little-endian
        assertThat(buf.getFloat(8 + (int) n)).isEqualTo(0.25f);
        assertThat(buf.getFloat(8 + (int) n + 4 + 8)).isEqualTo(3.5f);
    }

    @Test
    void truncatedTrailingAndForeignFilesAreRejected() throws IOException {
        Path f = dir.resolve("w.safetensors");
        WeightFile.write(f, Map.of(), List.of(a));
        byte[] bytes = Files.readAllBytes(f);

        Path truncated = dir.resolve("truncated");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> WeightFile.read(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated or trailing");

        Path trailing = dir.resolve("trailing");
        Files.write(trailing, Arrays.copyOf(bytes, bytes.length + 4));
        assertThatThrownBy(() -> WeightFile.read(trailing)).hasMessageContaining("truncated or trailing");

        Path text = dir.resolve("text");
        Files.writeString(text, "this is not a weight file at all");
        assertThatThrownBy(() -> WeightFile.read(text)).isInstanceOf(IOException.class).hasMessageContaining("not a weight file");

        Path f16 = dir.resolve("f16");
        Files.write(f16, Arrays.copyOf(new String(bytes, StandardCharsets.ISO_8859_1).replace("\"F32\"", "\"F16\"")
                .getBytes(StandardCharsets.ISO_8859_1), bytes.length));
        assertThatThrownBy(() -> WeightFile.read(f16)).hasMessageContaining("dtype 'F16'");
    }

    @Test
    void invalidTensorsAreRejected() {
        assertThatThrownBy(() -> new WeightFile.Tensor("x", new long[] {2, 2}, new float[3])).hasMessageContaining("needs 4 values");
        assertThatThrownBy(() -> new WeightFile.Tensor("__metadata__", new long[] {1}, new float[1]))
                .hasMessageContaining("not __metadata__");
        assertThatThrownBy(() -> WeightFile.write(dir.resolve("d"), Map.of(), List.of(b, b))).hasMessageContaining("occurs twice");
    }
}
