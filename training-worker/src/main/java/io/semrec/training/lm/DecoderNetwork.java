package io.semrec.training.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DJL block of a causal language model. Inputs: input embeddings (B,T,H) and mask (B,T) (1 real,
 * 0 padding). Output: next-token logits (B,T,V). Its parameters carry checkpoint names, so one
 * loader fills any family from a Hugging Face checkpoint or from an artifact this code wrote.
 */
public abstract class DecoderNetwork extends AbstractBlock {

    private final int hiddenSize;
    private final int vocabSize;
    private final int maxPositions;
    /** Filled by each family's constructor, in checkpoint order. */
    protected final Map<String, CheckpointSlot> slots = new LinkedHashMap<>();

    protected DecoderNetwork(int hiddenSize, int vocabSize, int maxPositions) {
        this.hiddenSize = hiddenSize;
        this.vocabSize = vocabSize;
        this.maxPositions = maxPositions;
    }

    public final int hiddenSize() {
        return hiddenSize;
    }

    public final int vocabSize() {
        return vocabSize;
    }

    public final int maxPositions() {
        return maxPositions;
    }

    /** The (V,H) table {@link CausalLm#embed} looks ids up in. */
    public abstract Parameter tokenEmbeddings();

    /** Every parameter under its checkpoint name, with how the checkpoint lays it out. */
    public final Map<String, CheckpointSlot> checkpointSlots() {
        return Collections.unmodifiableMap(slots);
    }

    /** Shapes for {@link #initialize}: embeddings (B,T,H) and mask (B,T). */
    public Shape[] inputShapes(long batch, long length) {
        return new Shape[] {new Shape(batch, length, hiddenSize()), new Shape(batch, length)};
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape embeddings = inputShapes[0];
        return new Shape[] {new Shape(embeddings.get(0), embeddings.get(1), vocabSize())};
    }

    /** Checks the length against {@link #maxPositions()}; every family calls it first. */
    protected void checkLength(NDArray embeddings) {
        long length = embeddings.getShape().get(1);
        if (length > maxPositions()) {
            throw new IllegalArgumentException(
                    "sequence of " + length + " tokens exceeds the LM's " + maxPositions() + " positions");
        }
    }

    /** A parameter's value on the input's device, for ops whose first operand is the input. */
    protected static NDArray value(ParameterStore store, Parameter parameter, NDArray input, boolean training) {
        return store.getValue(parameter, input.getDevice(), training);
    }

    /** A weight table of {@code rows} rows of the hidden width (token or position embeddings, an LM head). */
    protected Parameter hiddenTable(String name, int rows) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, hiddenSize()))
                .build();
    }
}
