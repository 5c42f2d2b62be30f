package io.semrec.training.lm;

import static io.semrec.training.nn.TransformerOps.apply;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.semrec.training.nn.TransformerOps;
import java.util.ArrayList;
import java.util.List;

/**
 * A Llama-family decoder (Llama, Mistral, Qwen2): token embeddings, RMSNorm pre-norm layers with
 * rotary positions, grouped-query attention and a SwiGLU MLP, a final RMSNorm, and an LM head
 * ({@code lm_head}, or the token embeddings when tied). Checkpoint names are Hugging Face's
 * ({@code model.embed_tokens.weight}, {@code model.layers.0.self_attn.q_proj.weight}, ...).
 */
public final class LlamaDecoder extends DecoderNetwork {

    private static final float INIT_STDDEV = 0.02f;

    private final LlamaConfig config;
    private final Parameter tokens;
    private final List<LlamaLayer> layers = new ArrayList<>();
    private final RmsNorm finalNorm;
    private final Parameter head;
    private final float[] inverseFrequencies;

    public LlamaDecoder(LlamaConfig config) {
        super(config.hidden(), config.vocabSize(), config.maxPositions());
        this.config = config;
        tokens = addParameter(hiddenTable("embed_tokens", config.vocabSize()));
        HfNames.single(slots, "model.embed_tokens.weight", tokens);
        for (int i = 0; i < config.layers(); i++) {
            LlamaLayer layer = addChildBlock("layer" + i, new LlamaLayer(config));
            layer.addSlots("model.layers." + i + ".", slots);
            layers.add(layer);
        }
        finalNorm = addChildBlock("norm", new RmsNorm(config.hidden(), config.rmsNormEps()));
        HfNames.single(slots, "model.norm.weight", finalNorm.weight());
        if (config.tiedEmbeddings()) {
            head = tokens;
        } else {
            head = addParameter(hiddenTable("lm_head", config.vocabSize()));
            HfNames.single(slots, "lm_head.weight", head);
        }
        inverseFrequencies = new float[config.headSize() / 2];
        for (int i = 0; i < inverseFrequencies.length; i++) {
            inverseFrequencies[i] = (float) (1 / Math.pow(config.ropeTheta(), 2.0 * i / config.headSize()));
        }
        setInitializer(new NormalInitializer(INIT_STDDEV), Parameter.Type.WEIGHT);
    }

    @Override
    public Parameter tokenEmbeddings() {
        return tokens;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        checkLength(x);
        int length = (int) x.getShape().get(1);
        NDArray bias = TransformerOps.attentionBias(inputs.get(1), true, x.getDataType());
        NDArray[] rotary = rotary(x.getManager(), length);
        for (LlamaLayer layer : layers) {
            x = layer.forward(store, new NDList(x, bias, rotary[0], rotary[1]), training).singletonOrThrow();
        }
        x = apply(finalNorm, store, x, training);
        return Linear.linear(x, value(store, head, x, training));
    }

    /** cos and sin (T,d) of position × frequency, each frequency used for both halves of a head. */
    private NDArray[] rotary(NDManager manager, int length) {
        int half = inverseFrequencies.length;
        int width = 2 * half;
        float[] cos = new float[length * width];
        float[] sin = new float[length * width];
        for (int position = 0; position < length; position++) {
            for (int i = 0; i < half; i++) {
                float angle = position * inverseFrequencies[i];
                int at = position * width + i;
                cos[at] = cos[at + half] = (float) Math.cos(angle);
                sin[at] = sin[at + half] = (float) Math.sin(angle);
            }
        }
        Shape shape = new Shape(length, width);
        return new NDArray[] {manager.create(cos, shape), manager.create(sin, shape)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        Shape bias = new Shape(hidden.get(0), 1, hidden.get(1), hidden.get(1));
        Shape rotary = new Shape(hidden.get(1), config.headSize());
        for (LlamaLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, bias, rotary, rotary);
        }
        finalNorm.initialize(manager, dataType, hidden);
    }
}
