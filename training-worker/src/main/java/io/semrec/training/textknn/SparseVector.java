package io.semrec.training.textknn;

/**
 * A sparse vector: ascending term indices and their weights.
 */
public record SparseVector(int[] terms, float[] weights) {

    public SparseVector {
        if (terms.length != weights.length) {
            throw new IllegalArgumentException("terms and weights differ in length");
        }
    }

    public int size() {
        return terms.length;
    }
}
