package io.semrec.training.lm;

import static io.semrec.training.nn.TransformerOps.apply;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.semrec.training.nn.TransformerOps;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2: token + learned position embeddings, pre-LayerNorm blocks with causal attention, a final
 * LayerNorm and an LM head tied to the token embeddings. Checkpoint names are Hugging Face's without
 * the {@code transformer.} prefix ({@code wte.weight}, {@code h.0.attn.c_attn.weight}, ...).
 */
public final class Gpt2Decoder extends DecoderNetwork {

    /** GPT-2's initialisation scale, for training from scratch. */
    private static final float INIT_STDDEV = 0.02f;

    private final Gpt2Config config;
    private final Parameter tokens;
    private final Parameter positions;
    private final List<Gpt2Layer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;

    public Gpt2Decoder(Gpt2Config config) {
        super(config.hidden(), config.vocabSize(), config.positions());
        this.config = config;
        tokens = addParameter(hiddenTable("wte", config.vocabSize()));
        positions = addParameter(hiddenTable("wpe", config.positions()));
        HfNames.single(slots, "wte.weight", tokens);
        HfNames.single(slots, "wpe.weight", positions);
        for (int i = 0; i < config.layers(); i++) {
            Gpt2Layer layer = addChildBlock("h" + i, new Gpt2Layer(config));
            layer.addSlots("h." + i + ".", slots);
            layers.add(layer);
        }
        finalNorm = addChildBlock("ln_f", TransformerOps.featureNorm(config.layerNormEps()));
        HfNames.layerNorm(slots, "ln_f", finalNorm);
        setInitializer(new NormalInitializer(INIT_STDDEV), Parameter.Type.WEIGHT);
    }

    @Override
    public Parameter tokenEmbeddings() {
        return tokens;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray embeddings = inputs.get(0);
        checkLength(embeddings);
        NDManager manager = embeddings.getManager();
        int length = (int) embeddings.getShape().get(1);
        NDArray positionIds = manager.arange(0, length, 1, DataType.INT64);
        NDArray x = embeddings.add(Embedding.embedding(positionIds, value(store, positions, embeddings, training),
                SparseFormat.DENSE).singletonOrThrow());
        x = Dropout.dropout(x, config.dropout(), training).singletonOrThrow();
        NDArray bias = TransformerOps.attentionBias(inputs.get(1), true, x.getDataType());
        for (Gpt2Layer layer : layers) {
            x = layer.forward(store, new NDList(x, bias), training).singletonOrThrow();
        }
        x = apply(finalNorm, store, x, training);
        return Linear.linear(x, value(store, tokens, x, training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        Shape bias = new Shape(hidden.get(0), 1, hidden.get(1), hidden.get(1));
        for (Gpt2Layer layer : layers) {
            layer.initialize(manager, dataType, hidden, bias);
        }
        finalNorm.initialize(manager, dataType, hidden);
    }
}
