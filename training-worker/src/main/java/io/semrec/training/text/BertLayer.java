package io.semrec.training.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.semrec.training.nn.LongformerAttention;
import io.semrec.training.nn.TransformerOps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One post-LayerNorm BERT layer: multi-head self-attention with an additive mask, residual and
 * LayerNorm, then a GELU (erf) feed-forward, residual and LayerNorm. With a Longformer window the
 * attention is {@link LongformerAttention} (sliding window, global first token) and the layer has
 * Longformer's extra global projections {@code attention.self.{query,key,value}_global}.
 */
final class BertLayer extends AbstractBlock {

    private final BertConfig config;
    private final int attentionWindow;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear attentionOutput;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;
    private final Linear queryGlobal;
    private final Linear keyGlobal;
    private final Linear valueGlobal;
    private final Map<String, Parameter> huggingFaceNames = new LinkedHashMap<>();

    /** @param attentionWindow 0 for full attention, else Longformer's (even) {@code attention_window} */
    BertLayer(BertConfig config, int attentionWindow) {
        this.config = config;
        this.attentionWindow = attentionWindow;
        int hidden = config.hiddenSize();
        query = addChildBlock("query", Linear.builder().setUnits(hidden).build());
        key = addChildBlock("key", Linear.builder().setUnits(hidden).build());
        value = addChildBlock("value", Linear.builder().setUnits(hidden).build());
        attentionOutput = addChildBlock("attentionOutput", Linear.builder().setUnits(hidden).build());
        attentionNorm = addChildBlock("attentionNorm", featureLayerNorm(config));
        intermediate = addChildBlock("intermediate", Linear.builder().setUnits(config.intermediateSize()).build());
        output = addChildBlock("output", Linear.builder().setUnits(hidden).build());
        outputNorm = addChildBlock("outputNorm", featureLayerNorm(config));
        HuggingFaceNames.linear(huggingFaceNames, "attention.self.query", query);
        HuggingFaceNames.linear(huggingFaceNames, "attention.self.key", key);
        HuggingFaceNames.linear(huggingFaceNames, "attention.self.value", value);
        HuggingFaceNames.linear(huggingFaceNames, "attention.output.dense", attentionOutput);
        HuggingFaceNames.layerNorm(huggingFaceNames, "attention.output.LayerNorm", attentionNorm);
        HuggingFaceNames.linear(huggingFaceNames, "intermediate.dense", intermediate);
        HuggingFaceNames.linear(huggingFaceNames, "output.dense", output);
        HuggingFaceNames.layerNorm(huggingFaceNames, "output.LayerNorm", outputNorm);
        if (attentionWindow > 0) {
            queryGlobal = addChildBlock("queryGlobal", Linear.builder().setUnits(hidden).build());
            keyGlobal = addChildBlock("keyGlobal", Linear.builder().setUnits(hidden).build());
            valueGlobal = addChildBlock("valueGlobal", Linear.builder().setUnits(hidden).build());
            HuggingFaceNames.linear(huggingFaceNames, "attention.self.query_global", queryGlobal);
            HuggingFaceNames.linear(huggingFaceNames, "attention.self.key_global", keyGlobal);
            HuggingFaceNames.linear(huggingFaceNames, "attention.self.value_global", valueGlobal);
        } else {
            queryGlobal = null;
            keyGlobal = null;
            valueGlobal = null;
        }
    }

    /** Parameters by Hugging Face name relative to {@code encoder.layer.<i>.}. */
    Map<String, Parameter> huggingFaceNames() {
        return huggingFaceNames;
    }

    /** Inputs: hidden states (B,S,H), additive attention bias (B,1,1,S) or (B,1,S,S). Output: (B,S,H). */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        NDArray attended = selfAttention(store, hidden, inputs.get(1), training);
        NDArray projected = dropout(apply(attentionOutput, store, attended, training), training);
        NDArray afterAttention = apply(attentionNorm, store, projected.add(hidden), training);
        NDArray expanded = Activation.gelu(apply(intermediate, store, afterAttention, training));
        NDArray contracted = dropout(apply(output, store, expanded, training), training);
        return new NDList(apply(outputNorm, store, contracted.add(afterAttention), training));
    }

    /** (B,S,H) -> (B,S,H): softmax(Q K^T / sqrt(d) + bias) V per head, heads concatenated. */
    private NDArray selfAttention(ParameterStore store, NDArray hidden, NDArray bias, boolean training) {
        if (attentionWindow > 0) {
            return LongformerAttention.attend(apply(query, store, hidden, training),
                    apply(key, store, hidden, training), apply(value, store, hidden, training),
                    apply(queryGlobal, store, hidden.get(new NDIndex(":, 0:1")), training),
                    apply(keyGlobal, store, hidden, training), apply(valueGlobal, store, hidden, training), bias,
                    config.heads(), attentionWindow / 2, config.dropout(), training);
        }
        return TransformerOps.multiHeadAttention(apply(query, store, hidden, training),
                apply(key, store, hidden, training), apply(value, store, hidden, training), bias, config.heads(),
                config.dropout(), training);
    }

    private NDArray dropout(NDArray x, boolean training) {
        return Dropout.dropout(x, config.dropout(), training).singletonOrThrow();
    }

    private static NDArray apply(Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    static LayerNorm featureLayerNorm(BertConfig config) {
        return TransformerOps.featureNorm(config.layerNormEps());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        for (Block block : new Block[] {query, key, value, attentionOutput, attentionNorm, intermediate, outputNorm}) {
            block.initialize(manager, dataType, hidden);
        }
        if (attentionWindow > 0) {
            for (Block block : new Block[] {queryGlobal, keyGlobal, valueGlobal}) {
                block.initialize(manager, dataType, hidden);
            }
        }
        output.initialize(manager, dataType, new Shape(hidden.get(0), hidden.get(1), config.intermediateSize()));
    }
}
