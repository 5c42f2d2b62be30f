package io.semrec.training.recformer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.semrec.training.text.BertEncoderBlock;
import io.semrec.training.text.FloatTensor;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recformer's encoder in DJL: embeddings (token + token position + token type + item position,
 * summed, LayerNorm, dropout), then post-LN transformer layers with Longformer attention (a sliding
 * window of {@code window / 2} tokens on each side in every layer, global attention on CLS at index 0,
 * cost linear in the length), and a masked-language-model head tied to the word embeddings.
 *
 * <p>Inputs ({@link RecformerInput#toNDList}), int64 (B,T) each, padded on the right: token ids,
 * token types, token positions, item positions, attention mask; optionally a sixth, {@code mlmRows}
 * (N) int64: flat indices {@code b * T + t} of the tokens to predict. Outputs: last hidden state
 * (B,T,H), the CLS vectors (B,H) (row 0, not normalised; scores use their cosine), and with
 * {@code mlmRows} the MLM logits (N,V) at those tokens only (logits for all B*T tokens would not fit).
 *
 * <p>Parameters carry Hugging Face names ({@link #huggingFaceParameters()}): {@code embeddings.*}
 * (including {@code embeddings.item_position_embeddings.weight}), {@code encoder.layer.{i}.*}
 * (including {@code attention.self.{query,key,value}_global}) and {@code lm_head.*}. Build one with
 * {@link RecformerCheckpoints}.
 */
public final class RecformerEncoder extends AbstractBlock {

    /** Name of the item-position table, as in the reference implementation. */
    public static final String ITEM_POSITION_TABLE = "item_position_embeddings";

    private final RecformerConfig config;
    private final BertEncoderBlock transformer;
    private final RecformerMlmHead mlmHead;
    private final Map<String, Parameter> huggingFaceNames = new LinkedHashMap<>();

    /** Uninitialised; {@link RecformerCheckpoints} builds, initialises and fills it. */
    RecformerEncoder(RecformerConfig config) {
        this.config = config;
        transformer = addChildBlock("transformer", BertEncoderBlock.builder(config.bertConfig())
                .optPositionIds(config.architecture().positionOffset())
                .optLongformerAttention(config.window())
                .addEmbeddingTable(ITEM_POSITION_TABLE, config.itemPositions())
                .build());
        mlmHead = addChildBlock("mlmHead", new RecformerMlmHead(config, transformer.wordEmbeddings()));
        huggingFaceNames.putAll(transformer.huggingFaceParameters());
        huggingFaceNames.putAll(mlmHead.huggingFaceNames());
        setInitializer(new NormalInitializer(config.initializerRange()), Parameter.Type.WEIGHT);
    }

    public RecformerConfig config() {
        return config;
    }

    /** Every parameter by Hugging Face-style name, encoder first, {@code lm_head.*} last. */
    public Map<String, Parameter> huggingFaceParameters() {
        return Collections.unmodifiableMap(huggingFaceNames);
    }

    /** Input shapes for {@link #initialize}: (batch, length) for the five inputs. */
    public Shape[] inputShapes(long batch, long length) {
        Shape shape = new Shape(batch, length);
        return new Shape[] {shape, shape, shape, shape, shape};
    }

    /** Parameter values by name, as float32 row-major tensors (for saving and export). */
    public Map<String, FloatTensor> weights() {
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        huggingFaceNames.forEach((name, parameter) -> {
            NDArray array = parameter.getArray();
            weights.put(name, new FloatTensor(array.getShape().getShape(), array.toFloatArray()));
        });
        return weights;
    }

    /**
     * Copies tensors into the initialised parameters of the same name.
     *
     * @throws IllegalArgumentException if a name is missing, unknown or has another shape
     */
    public void loadWeights(Map<String, FloatTensor> weights) {
        BertEncoderBlock.WeightLoadReport report = transformer.loadWeights(weights);
        if (!report.missing().isEmpty()) {
            throw new IllegalArgumentException("weights lack " + report.missing());
        }
        Map<String, FloatTensor> rest = new LinkedHashMap<>();
        report.unexpected().forEach(name -> rest.put(name, weights.get(name)));
        for (Map.Entry<String, Parameter> entry : mlmHead.huggingFaceNames().entrySet()) {
            FloatTensor tensor = rest.remove(entry.getKey());
            if (tensor == null) {
                throw new IllegalArgumentException("weights lack " + entry.getKey());
            }
            NDArray array = entry.getValue().getArray();
            if (!new Shape(tensor.shape()).equals(array.getShape())) {
                throw new IllegalArgumentException(entry.getKey() + " is " + array.getShape() + " in the model but "
                        + new Shape(tensor.shape()) + " in the weights");
            }
            array.set(FloatBuffer.wrap(tensor.values()));
        }
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("weights have unknown tensors " + rest.keySet());
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        // BertEncoderBlock's order: ids, mask, types, positions, item positions.
        NDList transformerInputs = new NDList(inputs.get(0), inputs.get(4), inputs.get(1), inputs.get(2), inputs.get(3));
        NDArray hidden = transformer.forward(store, transformerInputs, training).singletonOrThrow();
        NDArray cls = hidden.get(new NDIndex(":, 0"));
        if (inputs.size() < 6) {
            return new NDList(hidden, cls);
        }
        Shape shape = hidden.getShape();
        NDArray rows = hidden.reshape(shape.get(0) * shape.get(1), shape.get(2)).get(inputs.get(5));
        NDArray logits = mlmHead.forward(store, new NDList(rows), training).singletonOrThrow();
        return new NDList(hidden, cls, logits);
    }

    /** MLM logits (N,V) for hidden states (N,H) already gathered at the masked tokens. */
    public NDArray mlmLogits(ParameterStore store, NDArray hiddenRows, boolean training) {
        return mlmHead.forward(store, new NDList(hiddenRows), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        int hidden = config.hiddenSize();
        Shape hiddenShape = new Shape(tokens.get(0), tokens.get(1), hidden);
        Shape clsShape = new Shape(tokens.get(0), hidden);
        if (inputShapes.length < 6) {
            return new Shape[] {hiddenShape, clsShape};
        }
        return new Shape[] {hiddenShape, clsShape, new Shape(inputShapes[5].get(0), config.vocabSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        transformer.initialize(manager, dataType, transformer.inputShapes(tokens.get(0), tokens.get(1)));
        mlmHead.initialize(manager, dataType, new Shape(1, config.hiddenSize()));
    }
}
