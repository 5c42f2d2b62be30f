package io.semrec.training.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import io.semrec.training.text.BertConfig;
import io.semrec.training.text.BertEncoderBlock;

/**
 * A BERT encoder turned into a causal LM: causal attention mask, and an LM head tied to the word
 * embeddings, {@code logits = hidden · word_embeddingsᵀ + bias}. The per-token bias (zero at start)
 * is the only new parameter: all-MiniLM-L6-v2 ships without BERT's MLM head, the bias learns token
 * frequencies cheaply, and a freshly initialised transform layer in front of the tied head would
 * start the LM from a random output space instead of the pretrained one.
 */
public final class MiniLmDecoder extends DecoderNetwork {

    /** Checkpoint name of the output bias (BERT's MLM head names it this way). */
    public static final String OUTPUT_BIAS = "cls.predictions.bias";

    private final BertConfig config;
    private final BertEncoderBlock encoder;
    private final Parameter outputBias;

    public MiniLmDecoder(BertConfig config) {
        super(config.hiddenSize(), config.vocabSize(), config.maxPositions());
        this.config = config;
        encoder = addChildBlock("encoder", BertEncoderBlock.builder(config).optCausal(true).build());
        outputBias = addParameter(Parameter.builder()
                .setName("outputBias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(config.vocabSize()))
                .optInitializer(new ConstantInitializer(0))
                .build());
        encoder.huggingFaceParameters().forEach((name, parameter) -> slots.put(name, CheckpointSlot.of(parameter)));
        slots.put(OUTPUT_BIAS, CheckpointSlot.of(outputBias));
    }

    @Override
    public Parameter tokenEmbeddings() {
        return encoder.wordEmbeddings();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray embeddings = inputs.get(0);
        checkLength(embeddings);
        NDArray mask = inputs.get(1);
        // One segment: every token type is 0.
        NDArray tokenTypes = embeddings.getManager().zeros(mask.getShape(), DataType.INT64);
        NDArray hidden = encoder.forward(store, new NDList(embeddings, mask, tokenTypes), training).singletonOrThrow();
        return Linear.linear(hidden, value(store, tokenEmbeddings(), hidden, training),
                value(store, outputBias, hidden, training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape embeddings = inputShapes[0];
        encoder.initialize(manager, dataType, encoder.inputShapes(embeddings.get(0), embeddings.get(1)));
    }
}
