package io.semrec.training.sasrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Where a sequence network's item vectors come from: the table its inputs look up and its hidden
 * states are scored against by dot product. Row 0 of the table is padding, row i + 1 is item i.
 * Tables are computed from the parameter arrays directly: on one device the trainer's store hands
 * out the same arrays, and gradients reach them either way.
 */
public abstract class ItemEmbedding extends AbstractBlock {

    private final int itemCount;
    private final int dim;

    protected ItemEmbedding(int itemCount, int dim) {
        this.itemCount = itemCount;
        this.dim = dim;
    }

    public int itemCount() {
        return itemCount;
    }

    public int dim() {
        return dim;
    }

    /** The table {@code (itemCount + 1, dim)}; a computed table belongs to {@code manager}. */
    public abstract NDArray table(NDManager manager);

    /** The item vectors of tokens {@code (..)}: {@code (.., dim)}. */
    public NDArray lookup(NDArray tokens) {
        return Embedding.embedding(tokens, table(tokens.getManager()), SparseFormat.DENSE).head();
    }

    /** Scores of hidden states {@code (n, dim)} against every item: {@code (n, itemCount)}, column i for item i. */
    public NDArray scores(NDArray hidden) {
        return Linear.linear(hidden, table(hidden.getManager())).head().get(":, 1:");
    }

    /** The vectors published for serving, {@code [item index][width]}; their dot product with a query is {@link #scores}. */
    public abstract float[][] publishedVectors();

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(lookup(inputs.head()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].addAll(new Shape(dim))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // Tables hold their own parameters; nothing nested.
    }

    /** Rows {@code 1..itemCount} of a flat {@code (itemCount + 1, width)} table. */
    protected static float[][] itemRows(float[] table, int itemCount, int width) {
        float[][] rows = new float[itemCount][];
        for (int item = 0; item < itemCount; item++) {
            rows[item] = java.util.Arrays.copyOfRange(table, (item + 1) * width, (item + 2) * width);
        }
        return rows;
    }
}
