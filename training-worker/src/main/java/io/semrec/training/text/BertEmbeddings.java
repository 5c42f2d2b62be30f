package io.semrec.training.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * BERT's input layer: word + position + token-type embeddings, plus any extra index tables a model
 * adds (summed the same way), then LayerNorm and dropout. Positions are 0, 1, ... unless the model
 * takes them as an input, to which it adds an offset (RoBERTa and Longformer start real tokens at
 * {@code padding_idx + 1 = 2}).
 */
final class BertEmbeddings extends AbstractBlock {

    private final BertConfig config;
    private final Parameter words;
    private final Parameter positions;
    private final Parameter tokenTypes;
    private final OptionalInt positionOffset;
    private final List<Parameter> extraTables = new ArrayList<>();
    private final LayerNorm norm;
    private final Map<String, Parameter> huggingFaceNames = new LinkedHashMap<>();

    /** @param positionOffset empty: positions 0, 1, ...; present: position ids are an input, this added to each */
    BertEmbeddings(BertConfig config, List<BertEncoderBlock.EmbeddingTable> extras, OptionalInt positionOffset) {
        this.config = config;
        this.positionOffset = positionOffset;
        words = table("word_embeddings", config.vocabSize());
        positions = table("position_embeddings", config.maxPositions());
        tokenTypes = table("token_type_embeddings", config.typeVocabSize());
        for (BertEncoderBlock.EmbeddingTable extra : extras) {
            extraTables.add(table(extra.name(), extra.size()));
        }
        norm = addChildBlock("LayerNorm", BertLayer.featureLayerNorm(config));
        HuggingFaceNames.layerNorm(huggingFaceNames, "LayerNorm", norm);
    }

    /** Parameters by Hugging Face name relative to {@code embeddings.}. */
    Map<String, Parameter> huggingFaceNames() {
        return huggingFaceNames;
    }

    Parameter words() {
        return words;
    }

    /**
     * Inputs: token ids (B,S) int64 or token vectors (B,S,H), token type ids (B,S), position ids (B,S)
     * when the positions are an input, one index array (B,S) per extra table. Output: (B,S,H).
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.get(0);
        NDManager manager = tokens.getManager();
        long length = tokens.getShape().get(1);
        if (length > config.maxPositions()) {
            throw new IllegalArgumentException(
                    "sequence of " + length + " tokens exceeds " + config.maxPositions() + " positions");
        }
        NDArray sum = tokens.getShape().dimension() == 3 ? tokens : lookup(store, words, tokens, training);
        int firstExtra = positionOffset.isPresent() ? 3 : 2;
        NDArray positionIds = positionOffset.isPresent()
                ? inputs.get(2).add(positionOffset.getAsInt())
                : manager.arange(0, (int) length, 1, DataType.INT64);
        sum = sum.add(lookup(store, positions, positionIds, training));
        sum = sum.add(lookup(store, tokenTypes, inputs.get(1), training));
        for (int i = 0; i < extraTables.size(); i++) {
            sum = sum.add(lookup(store, extraTables.get(i), inputs.get(firstExtra + i), training));
        }
        NDArray normalized = norm.forward(store, new NDList(sum), training).singletonOrThrow();
        return Dropout.dropout(normalized, config.dropout(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {new Shape(tokens.get(0), tokens.get(1), config.hiddenSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, getOutputShapes(inputShapes));
    }

    private Parameter table(String name, int rows) {
        Parameter table = addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, config.hiddenSize()))
                .build());
        huggingFaceNames.put(name + ".weight", table);
        return table;
    }

    /** Indices are the first operand so the result joins the batch's manager, not the model's. */
    private static NDArray lookup(ParameterStore store, Parameter table, NDArray indices, boolean training) {
        NDArray weight = store.getValue(table, indices.getDevice(), training);
        return Embedding.embedding(indices, weight, SparseFormat.DENSE).singletonOrThrow();
    }
}
