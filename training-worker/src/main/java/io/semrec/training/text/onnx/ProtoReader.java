package io.semrec.training.text.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Reads the protocol-buffers wire format field by field, without generated classes: enough to walk
 * an ONNX file (varints, fixed-width numbers, length-delimited strings and messages).
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buffer;
    private int tag;

    ProtoReader(ByteBuffer message) {
        this.buffer = message.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (!buffer.hasRemaining()) {
            return false;
        }
        long key = varint();
        if ((key >>> 3) == 0 || key > Integer.MAX_VALUE) {
            throw new IllegalStateException("invalid protobuf field key " + key + " at byte " + buffer.position());
        }
        tag = (int) key;
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("varint longer than 10 bytes at byte " + buffer.position());
    }

    float fixed32Float() {
        return buffer.getFloat();
    }

    /** The current length-delimited field as a view of the underlying bytes (no copy). */
    ByteBuffer bytes() {
        int length = Math.toIntExact(varint());
        ByteBuffer slice = buffer.slice().limit(length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(buffer.position() + length);
        return slice;
    }

    String string() {
        ByteBuffer bytes = bytes();
        byte[] chars = new byte[bytes.remaining()];
        bytes.get(chars);
        return new String(chars, StandardCharsets.UTF_8);
    }

    ProtoReader message() {
        return new ProtoReader(bytes());
    }

    /** A repeated integer field, packed (one length-delimited run) or not (one varint per key). */
    void varints(LongConsumer sink) {
        if (wireType() == LENGTH_DELIMITED) {
            ProtoReader packed = new ProtoReader(bytes());
            while (packed.buffer.hasRemaining()) {
                sink.accept(packed.varint());
            }
        } else {
            sink.accept(varint());
        }
    }

    void skip() {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> buffer.position(buffer.position() + Long.BYTES);
            case LENGTH_DELIMITED -> bytes();
            case FIXED32 -> buffer.position(buffer.position() + Integer.BYTES);
            default -> throw new IllegalStateException("unsupported protobuf wire type " + wireType());
        }
    }
}
