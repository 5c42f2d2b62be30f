package io.semrec.training.lm;

import static io.semrec.training.nn.TransformerOps.apply;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.semrec.training.nn.TransformerOps;
import java.util.Map;

/**
 * One Llama decoder layer: {@code x + o_proj(attn(rms(x)))} with rotary positions and grouped-query
 * attention, then {@code x + down(silu(gate(rms(x))) · up(rms(x)))}.
 */
final class LlamaLayer extends AbstractBlock {

    private final LlamaConfig config;
    private final RmsNorm inputNorm;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final RmsNorm postAttentionNorm;
    private final Linear gate;
    private final Linear up;
    private final Linear down;

    LlamaLayer(LlamaConfig config) {
        this.config = config;
        int attentionWidth = config.heads() * config.headSize();
        int kvWidth = config.kvHeads() * config.headSize();
        inputNorm = addChildBlock("input_layernorm", new RmsNorm(config.hidden(), config.rmsNormEps()));
        query = addChildBlock("q_proj", linear(attentionWidth, config.qkvBias()));
        key = addChildBlock("k_proj", linear(kvWidth, config.qkvBias()));
        value = addChildBlock("v_proj", linear(kvWidth, config.qkvBias()));
        output = addChildBlock("o_proj", linear(config.hidden(), config.outputBias()));
        postAttentionNorm = addChildBlock("post_attention_layernorm", new RmsNorm(config.hidden(), config.rmsNormEps()));
        gate = addChildBlock("gate_proj", linear(config.intermediate(), config.mlpBias()));
        up = addChildBlock("up_proj", linear(config.intermediate(), config.mlpBias()));
        down = addChildBlock("down_proj", linear(config.hidden(), config.mlpBias()));
    }

    /** Slots under Hugging Face names relative to {@code model.layers.<i>.}. */
    void addSlots(String prefix, Map<String, CheckpointSlot> slots) {
        HfNames.single(slots, prefix + "input_layernorm.weight", inputNorm.weight());
        HfNames.linear(slots, prefix + "self_attn.q_proj", query);
        HfNames.linear(slots, prefix + "self_attn.k_proj", key);
        HfNames.linear(slots, prefix + "self_attn.v_proj", value);
        HfNames.linear(slots, prefix + "self_attn.o_proj", output);
        HfNames.single(slots, prefix + "post_attention_layernorm.weight", postAttentionNorm.weight());
        HfNames.linear(slots, prefix + "mlp.gate_proj", gate);
        HfNames.linear(slots, prefix + "mlp.up_proj", up);
        HfNames.linear(slots, prefix + "mlp.down_proj", down);
    }

    /** Inputs: hidden (B,T,H), attention bias (B,1,T,T), rotary cos and sin (T,d). Output: (B,T,H). */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray normed = apply(inputNorm, store, x, training);
        NDArray cos = inputs.get(2);
        NDArray sin = inputs.get(3);
        NDArray q = rotate(heads(apply(query, store, normed, training), config.heads()), cos, sin);
        NDArray k = rotate(heads(apply(key, store, normed, training), config.kvHeads()), cos, sin);
        NDArray v = heads(apply(value, store, normed, training), config.kvHeads());
        int groups = config.heads() / config.kvHeads();
        NDArray scores = q.matMul(shareAcrossGroups(k, groups).swapAxes(2, 3)).div(Math.sqrt(config.headSize()))
                .add(inputs.get(1));
        NDArray attended = scores.softmax(-1).matMul(shareAcrossGroups(v, groups)).swapAxes(1, 2);
        Shape shape = x.getShape();
        attended = attended.reshape(shape.get(0), shape.get(1), (long) config.heads() * config.headSize());
        x = x.add(apply(output, store, attended, training));
        NDArray m = apply(postAttentionNorm, store, x, training);
        NDArray gated = silu(apply(gate, store, m, training)).mul(apply(up, store, m, training));
        return new NDList(x.add(apply(down, store, gated, training)));
    }

    /** (B,T,n·d) to (B,n,T,d). */
    private NDArray heads(NDArray x, int count) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), count, config.headSize()).swapAxes(1, 2);
    }

    /** Hugging Face's rotary convention: {@code x·cos + rotate_half(x)·sin}, rotate_half(x) = (-x₂, x₁). */
    private static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
        return x.mul(cos).add(rotated.mul(sin));
    }

    /** (B,kv,T,d) to (B,kv·groups,T,d): each key/value head serves {@code groups} consecutive query heads. */
    private static NDArray shareAcrossGroups(NDArray x, int groups) {
        if (groups == 1) {
            return x;
        }
        Shape shape = x.getShape();
        return x.expandDims(2).repeat(2, groups).reshape(shape.get(0), shape.get(1) * groups, shape.get(2), shape.get(3));
    }

    private static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    private static Linear linear(int units, boolean bias) {
        return Linear.builder().setUnits(units).optBias(bias).build();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        for (Block block : new Block[] {inputNorm, query, key, value, postAttentionNorm, gate, up}) {
            block.initialize(manager, dataType, hidden);
        }
        output.initialize(manager, dataType,
                new Shape(hidden.get(0), hidden.get(1), (long) config.heads() * config.headSize()));
        down.initialize(manager, dataType, new Shape(hidden.get(0), hidden.get(1), config.intermediate()));
    }
}
