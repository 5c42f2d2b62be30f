package io.semrec.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsFileTest {

    @Test
    void readsEachTensorAsTheWholeFileReaderDoes(@TempDir Path dir) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a.weight", Tensor.f32(new float[][] {{1, 2}, {3, 4}}));
        // BF16 1.0 and -2.0.
        tensors.put("b.bf16", new Tensor(TensorDType.BF16, new long[] {2}, new byte[] {(byte) 0x80, 0x3f, 0, (byte) 0xc0}));
        tensors.put("ids", Tensor.i64(new long[] {1}, new long[] {9}));
        Path file = dir.resolve("x.safetensors");
        new SafeTensors(tensors, Map.of("format", "pt")).write(file);

        SafeTensors whole = SafeTensors.read(file);
        try (SafeTensorsFile lazy = SafeTensorsFile.open(file)) {
            assertEquals(List.of("a.weight", "b.bf16", "ids"), List.copyOf(lazy.names()));
            assertEquals("pt", lazy.metadata().get("format"));
            for (String name : lazy.names()) {
                assertEquals(whole.require(name), lazy.read(name));
            }
            assertArrayEquals(new float[] {1, -2}, lazy.read("b.bf16").toFloats());
            assertThrows(IllegalArgumentException.class, () -> lazy.read("missing"));
        }
    }

    @Test
    void rejectsATruncatedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.safetensors");
        new SafeTensors(Map.of("a", Tensor.f32(new long[] {4}, new float[4])), Map.of()).write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        assertThrows(IOException.class, () -> SafeTensorsFile.open(file));
    }
}
