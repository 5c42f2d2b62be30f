package io.semrec.artifact;

/** Element types of a safetensors file that we read and write; the name is the file's dtype string. */
public enum TensorDType {
    F32(4),
    F16(2),
    BF16(2),
    I64(8),
    I32(4);

    /** Bytes per element. */
    public final int size;

    TensorDType(int size) {
        this.size = size;
    }

    public boolean isFloating() {
        return this == F32 || this == F16 || this == BF16;
    }
}
