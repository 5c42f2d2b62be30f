package io.semrec.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @Test
    void roundTripsTensorsMetadataAndOrder(@TempDir Path dir) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("encoder.weight", Tensor.f32(new float[][] {{1, -2.5f, 3}, {0, Float.MIN_VALUE, -0f}}));
        tensors.put("ids", Tensor.i64(new long[] {3}, new long[] {Long.MIN_VALUE, 0, 42}));
        tensors.put("scalar", Tensor.f32(new long[] {}, new float[] {7}));
        tensors.put("empty", Tensor.f32(new long[] {0, 4}, new float[0]));
        SafeTensors original = new SafeTensors(tensors, Map.of("method", "sasrec", "dim", "64"));

        Path file = dir.resolve("model.safetensors");
        original.write(file);
        SafeTensors read = SafeTensors.read(file);

        assertEquals(original, read);
        assertEquals(List.of("encoder.weight", "ids", "scalar", "empty"), List.copyOf(read.tensors().keySet()));
        assertArrayEquals(new float[] {1, -2.5f, 3, 0, Float.MIN_VALUE, -0f}, read.require("encoder.weight").toFloats());
        assertArrayEquals(new long[] {2, 3}, read.require("encoder.weight").shape());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 0, 42}, read.require("ids").toLongs());
        assertEquals("sasrec", read.metadata().get("method"));
        // The header is padded so the data section starts 8-byte aligned.
        assertEquals(0, headerLength(Files.readAllBytes(file)) % 8);
    }

    @Test
    void readsAHandBuiltFileWithEveryFloatWidth() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[12,20]}}";
        byte[] data = {
            0x00, 0x00, (byte) 0x80, 0x3F, // F32 1.0
            0x00, 0x00, 0x00, (byte) 0xC0, // F32 -2.0
            (byte) 0xC0, 0x3F, // BF16 1.5
            (byte) 0x80, (byte) 0xBF, // BF16 -1.0
            0x00, 0x3E, // F16 1.5
            0x01, 0x00, // F16 smallest subnormal 2^-24
            0x00, (byte) 0xFC, // F16 -infinity
            (byte) 0xFF, 0x7B, // F16 largest finite 65504
        };
        SafeTensors file = SafeTensors.read(concat(header, data));

        assertArrayEquals(new float[] {1, -2}, file.require("a").toFloats());
        assertArrayEquals(new float[] {1.5f, -1}, file.require("b").toFloats());
        assertArrayEquals(new float[] {1.5f, 0x1p-24f, Float.NEGATIVE_INFINITY, 65504}, file.require("h").toFloats());
        assertArrayEquals(new long[] {2, 2}, file.require("h").shape());
        assertEquals(Map.of("format", "pt"), file.metadata());
        assertEquals(List.of("b", "a", "h"), List.copyOf(file.tensors().keySet()));
    }

    @Test
    void halfPrecisionEdgeCasesWidenExactly() {
        assertEquals(-0f, Tensor.halfToFloat((short) 0x8000));
        assertTrue(Float.isNaN(Tensor.halfToFloat((short) 0x7E00)));
        assertEquals(0x1p-14f, Tensor.halfToFloat((short) 0x0400));
        assertEquals(-0x3FFp-24f, Tensor.halfToFloat((short) 0x83FF));
    }

    @Test
    void rejectsMalformedFiles() {
        byte[] data = new byte[8];
        assertThrows(IOException.class, () -> SafeTensors.read(new byte[3]));
        assertThrows(IOException.class, () -> SafeTensors.read(concat("[1,2]", data)));
        // Offsets that leave a gap, a size that does not match the shape, an unknown dtype, bytes left over.
        assertThrows(IOException.class, () -> SafeTensors.read(
                concat("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", data)));
        assertThrows(IOException.class, () -> SafeTensors.read(
                concat("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", data)));
        assertThrows(IOException.class, () -> SafeTensors.read(
                concat("{\"a\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,8]}}", data)));
        assertThrows(IOException.class, () -> SafeTensors.read(
                concat("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", data)));
        byte[] hugeHeader = concat("{}", new byte[0]);
        hugeHeader[7] = 0x7F;
        assertThrows(IOException.class, () -> SafeTensors.read(hugeHeader));
    }

    @Test
    void integerTensorsAreNotFloats() {
        Tensor ids = Tensor.i64(new long[] {1}, new long[] {5});
        assertThrows(IllegalStateException.class, ids::toFloats);
        assertThrows(IllegalArgumentException.class, () -> Tensor.f32(new long[] {2, 2}, new float[3]));
    }

    private static long headerLength(byte[] file) {
        long length = 0;
        for (int i = 7; i >= 0; i--) {
            length = (length << 8) | (file[i] & 0xff);
        }
        return length;
    }

    private static byte[] concat(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long length = json.length;
        for (int i = 0; i < 8; i++) {
            out.write((int) (length >>> (8 * i)) & 0xff);
        }
        out.writeBytes(json);
        out.writeBytes(data);
        return out.toByteArray();
    }
}
