package io.semrec.training.sasrec;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.AbstractBlock;

/**
 * A next-item network over an {@link ItemEmbedding}: token ids {@code (batch, length)} (item index + 1,
 * 0 = padding, right-aligned) in, hidden states {@code (batch, length, dim)} out; the hidden state at a
 * position scores every item by dot product with the item table, which is what serving's pgvector
 * search computes.
 */
public abstract class SequenceNetwork extends AbstractBlock {

    private final ItemEmbedding items;
    private final int maxHistory;

    protected SequenceNetwork(ItemEmbedding items, int maxHistory) {
        this.items = addChildBlock("items", items);
        this.maxHistory = maxHistory;
    }

    public ItemEmbedding items() {
        return items;
    }

    public int itemCount() {
        return items.itemCount();
    }

    public int dim() {
        return items.dim();
    }

    public int maxHistory() {
        return maxHistory;
    }

    /** Scores of hidden states {@code (n, dim)} against every item: {@code (n, itemCount)}. */
    public NDArray itemScores(NDArray hidden) {
        return items.scores(hidden);
    }

    /** The item vectors of tokens {@code (n)}: {@code (n, dim)}. */
    public NDArray itemVectors(NDArray tokens) {
        return items.lookup(tokens);
    }
}
