package io.semrec.training.recformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.semrec.training.nn.TransformerOps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RoBERTa's masked-language-model head: dense, GELU, LayerNorm, then a decoder tied to the word
 * embeddings plus its own bias. Parameters are named as Hugging Face's {@code lm_head.*}.
 */
final class RecformerMlmHead extends AbstractBlock {

    private final int vocabSize;
    private final Parameter wordEmbeddings;
    private final Linear dense;
    private final LayerNorm norm;
    private final Parameter bias;
    private final Map<String, Parameter> huggingFaceNames = new LinkedHashMap<>();

    RecformerMlmHead(RecformerConfig config, Parameter wordEmbeddings) {
        this.vocabSize = config.vocabSize();
        this.wordEmbeddings = wordEmbeddings;
        dense = addChildBlock("dense", Linear.builder().setUnits(config.hiddenSize()).build());
        norm = addChildBlock("layerNorm", TransformerOps.featureNorm(config.architecture().layerNormEps()));
        bias = addParameter(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(config.vocabSize()))
                .build());
        huggingFaceNames.put("lm_head.dense.weight", dense.getParameters().get("weight"));
        huggingFaceNames.put("lm_head.dense.bias", dense.getParameters().get("bias"));
        huggingFaceNames.put("lm_head.layer_norm.weight", norm.getParameters().get("gamma"));
        huggingFaceNames.put("lm_head.layer_norm.bias", norm.getParameters().get("beta"));
        huggingFaceNames.put("lm_head.bias", bias);
    }

    Map<String, Parameter> huggingFaceNames() {
        return huggingFaceNames;
    }

    /** Input: hidden states of the masked tokens (N,H). Output: vocabulary logits (N,V). */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.singletonOrThrow();
        NDArray transformed = Activation.gelu(dense.forward(store, new NDList(hidden), training).singletonOrThrow());
        // The norm works on (B,S,H); the N rows become one batch of N positions.
        NDArray normed = norm.forward(store, new NDList(transformed.expandDims(0)), training).singletonOrThrow()
                .squeeze(0);
        NDArray words = store.getValue(wordEmbeddings, hidden.getDevice(), training);
        NDArray vocabularyBias = store.getValue(bias, hidden.getDevice(), training);
        // Input first, so the result joins the batch's manager (see BertEmbeddings).
        return Linear.linear(normed, words, vocabularyBias);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), vocabSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        dense.initialize(manager, dataType, inputShapes[0]);
        Shape rows = inputShapes[0];
        norm.initialize(manager, dataType, new Shape(1, rows.get(0), rows.get(1)));
    }
}
