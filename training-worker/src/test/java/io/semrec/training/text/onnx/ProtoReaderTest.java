package io.semrec.training.text.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtoReaderTest {

    @Test
    void readsVarintsFromTheirSpecBytes() {
        // Field 1 = 150 is the protobuf documentation's example: 08 96 01.
        ProtoReader reader = reader(new byte[] {0x08, (byte) 0x96, 0x01});
        assertTrue(reader.next());
        assertEquals(1, reader.field());
        assertEquals(ProtoReader.VARINT, reader.wireType());
        assertEquals(150, reader.varint());
        assertFalse(reader.next());
    }

    @Test
    void readsTenByteVarintOfNegativeInt64() {
        ProtoReader reader = reader(new ProtoWriter().varint(3, -2).toByteArray());
        assertTrue(reader.next());
        assertEquals(-2, reader.varint());
    }

    @Test
    void readsStringsNestedMessagesAndSkipsUnknownFields() {
        byte[] bytes = new ProtoWriter()
                .fixed64(9, 0x1122334455667788L)
                .string(2, "naïve")
                .fixed32Float(10, 1.5f)
                .message(5, new ProtoWriter().varint(1, 7).string(2, "inner"))
                .varint(11, 1)
                .toByteArray();
        ProtoReader reader = reader(bytes);
        List<String> seen = new ArrayList<>();
        while (reader.next()) {
            switch (reader.field()) {
                case 2 -> seen.add(reader.string());
                case 5 -> {
                    ProtoReader inner = reader.message();
                    assertTrue(inner.next());
                    seen.add("inner varint " + inner.varint());
                    assertTrue(inner.next());
                    seen.add(inner.string());
                    assertFalse(inner.next());
                }
                default -> reader.skip();
            }
        }
        assertEquals(List.of("naïve", "inner varint 7", "inner"), seen);
    }

    @Test
    void acceptsRepeatedIntegersPackedAndUnpacked() {
        byte[] bytes = new ProtoWriter()
                .packedVarints(1, 2, 300, 70_000)
                .varint(1, 5)
                .toByteArray();
        ProtoReader reader = reader(bytes);
        List<Long> values = new ArrayList<>();
        while (reader.next()) {
            reader.varints(values::add);
        }
        assertEquals(List.of(2L, 300L, 70_000L, 5L), values);
    }

    @Test
    void rejectsFieldNumberZeroAndUnknownWireTypes() {
        assertThrows(IllegalStateException.class, () -> reader(new byte[] {0x00}).next());
        ProtoReader groupStart = reader(new byte[] {0x0B});
        assertTrue(groupStart.next());
        assertThrows(IllegalStateException.class, groupStart::skip);
    }

    private static ProtoReader reader(byte[] bytes) {
        return new ProtoReader(ByteBuffer.wrap(bytes));
    }
}
