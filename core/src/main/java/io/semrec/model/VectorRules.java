package io.semrec.model;

/** What makes an item vector acceptable in a model; shared by the upload's line checks and the publisher. */
public final class VectorRules {

    /** Passed as {@code expectedDim} when any width up to {@link Model#MAX_DIM} will do. */
    public static final int ANY_DIM = -1;

    private VectorRules() {
    }

    /** Why {@code vector} cannot be stored, or null when it can. */
    public static String problem(float[] vector, int expectedDim) {
        if (vector.length < 1 || vector.length > Model.MAX_DIM) {
            return "a vector needs 1 to " + Model.MAX_DIM + " dimensions, this one has " + vector.length;
        }
        if (expectedDim != ANY_DIM && vector.length != expectedDim) {
            return "dimension " + vector.length + " differs from the model's " + expectedDim;
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                return "element " + i + " is not a finite 32-bit float";
            }
        }
        return null;
    }
}
