package io.semrec.training.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.semrec.training.nn.TransformerOps;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A standard BERT encoder (embeddings + post-LN transformer layers) that loads Hugging Face BERT
 * weights by name. Optional hooks: extra embedding tables summed into the input embeddings, a causal
 * attention mask (each token sees only itself and earlier tokens), position ids as an input with an
 * offset (RoBERTa layout), and Longformer attention (sliding window, global first token).
 *
 * <p>Inputs, in this order: token ids (B,S) int64 (or token vectors (B,S,H) in their place),
 * attention mask (B,S) with 1 for real tokens and 0 for padding, token type ids (B,S) int64, position
 * ids (B,S) int64 only with {@link Builder#optPositionIds}, then one index array (B,S) int64 per extra
 * table in declaration order. Output: last hidden state (B,S,H).
 */
public final class BertEncoderBlock extends AbstractBlock {

    /** An extra embedding table summed into the input embeddings, named as in a checkpoint. */
    public record EmbeddingTable(String name, int size) {
    }

    /** Checkpoint names no parameter took, and parameter names the checkpoint lacked (left as initialised). */
    public record WeightLoadReport(List<String> unexpected, List<String> missing) {
    }

    private final BertConfig config;
    private final boolean causal;
    private final int extraInputs;
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers = new ArrayList<>();
    private final Map<String, Parameter> huggingFaceNames = new LinkedHashMap<>();

    private BertEncoderBlock(Builder builder) {
        config = builder.config;
        causal = builder.causal;
        extraInputs = builder.extraTables.size() + (builder.positionOffset.isPresent() ? 1 : 0);
        embeddings = addChildBlock("embeddings",
                new BertEmbeddings(config, builder.extraTables, builder.positionOffset));
        embeddings.huggingFaceNames().forEach((name, p) -> huggingFaceNames.put("embeddings." + name, p));
        for (int i = 0; i < config.layers(); i++) {
            BertLayer layer = addChildBlock("layer" + i, new BertLayer(config, builder.attentionWindow));
            String prefix = "encoder.layer." + i + ".";
            layer.huggingFaceNames().forEach((name, p) -> huggingFaceNames.put(prefix + name, p));
            layers.add(layer);
        }
        // BERT's own initialisation, for whatever a checkpoint does not cover.
        setInitializer(new NormalInitializer(config.initializerRange()), Parameter.Type.WEIGHT);
    }

    public static Builder builder(BertConfig config) {
        return new Builder(config);
    }

    public BertConfig config() {
        return config;
    }

    /** The word embedding table (vocab, H), e.g. for a language-model head tied to it. */
    public Parameter wordEmbeddings() {
        return embeddings.words();
    }

    /** Input shapes for {@link #initialize}: (batch, length) for every input. */
    public Shape[] inputShapes(long batch, long length) {
        Shape[] shapes = new Shape[3 + extraInputs];
        Arrays.fill(shapes, new Shape(batch, length));
        return shapes;
    }

    /** Every parameter under its Hugging Face BERT name ({@code encoder.layer.0.attention.self.query.weight}). */
    public Map<String, Parameter> huggingFaceParameters() {
        return Collections.unmodifiableMap(huggingFaceNames);
    }

    /**
     * Copies checkpoint tensors into the initialised float32 parameters of the same name; a shape that
     * differs is an error, a name on one side only is reported.
     */
    public WeightLoadReport loadWeights(Map<String, FloatTensor> weights) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Parameter> entry : huggingFaceNames.entrySet()) {
            FloatTensor tensor = weights.get(entry.getKey());
            if (tensor == null) {
                missing.add(entry.getKey());
                continue;
            }
            NDArray array = entry.getValue().getArray();
            if (!Arrays.equals(array.getShape().getShape(), tensor.shape())) {
                throw new IllegalArgumentException(entry.getKey() + " is " + array.getShape()
                        + " in the model but " + Arrays.toString(tensor.shape()) + " in the checkpoint");
            }
            array.set(FloatBuffer.wrap(tensor.values()));
        }
        List<String> unexpected = weights.keySet().stream().filter(n -> !huggingFaceNames.containsKey(n)).toList();
        return new WeightLoadReport(unexpected, List.copyOf(missing));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList embeddingInputs = new NDList(inputs.get(0));
        embeddingInputs.addAll(inputs.subNDList(2));
        NDArray hidden = embeddings.forward(store, embeddingInputs, training).singletonOrThrow();
        NDArray bias = TransformerOps.attentionBias(inputs.get(1), causal, hidden.getDataType());
        for (BertLayer layer : layers) {
            hidden = layer.forward(store, new NDList(hidden, bias), training).singletonOrThrow();
        }
        return new NDList(hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return embeddings.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] embeddingShapes = new Shape[inputShapes.length - 1];
        embeddingShapes[0] = inputShapes[0];
        System.arraycopy(inputShapes, 2, embeddingShapes, 1, inputShapes.length - 2);
        embeddings.initialize(manager, dataType, embeddingShapes);
        Shape hidden = embeddings.getOutputShapes(embeddingShapes)[0];
        Shape bias = new Shape(hidden.get(0), 1, hidden.get(1), hidden.get(1));
        for (BertLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, bias);
        }
    }

    /** Builds a {@link BertEncoderBlock}; without options it is exactly the pretrained architecture. */
    public static final class Builder {

        private final BertConfig config;
        private final List<EmbeddingTable> extraTables = new ArrayList<>();
        private boolean causal;
        private OptionalInt positionOffset = OptionalInt.empty();
        private int attentionWindow;

        private Builder(BertConfig config) {
            this.config = config;
        }

        /** Each token attends only to itself and earlier tokens (for a causal language model). */
        public Builder optCausal(boolean causal) {
            this.causal = causal;
            return this;
        }

        /**
         * Adds a table (size, H) whose row at each token's index (one more input, after the token
         * types) is summed into the input embeddings; its parameter is {@code embeddings.<name>.weight}.
         */
        public Builder addEmbeddingTable(String name, int size) {
            extraTables.add(new EmbeddingTable(name, size));
            return this;
        }

        /** Position ids become an input (after the token types); {@code offset} is added to each before the lookup. */
        public Builder optPositionIds(int offset) {
            positionOffset = OptionalInt.of(offset);
            return this;
        }

        /**
         * Longformer attention in every layer: a sliding window of {@code window / 2} tokens on each side
         * (Hugging Face's even {@code attention_window}), global attention on the first token, and the
         * global projections {@code attention.self.{query,key,value}_global} in every layer.
         */
        public Builder optLongformerAttention(int window) {
            if (window < 2 || window % 2 != 0) {
                throw new IllegalArgumentException("attention window must be even and at least 2, got " + window);
            }
            attentionWindow = window;
            return this;
        }

        public BertEncoderBlock build() {
            if (causal && attentionWindow > 0) {
                throw new IllegalArgumentException("Longformer attention is bidirectional, it cannot be causal");
            }
            return new BertEncoderBlock(this);
        }
    }
}
