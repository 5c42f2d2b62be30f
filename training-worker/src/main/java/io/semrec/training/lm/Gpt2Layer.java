package io.semrec.training.lm;

import static io.semrec.training.nn.TransformerOps.apply;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.semrec.training.nn.TransformerOps;
import java.util.Map;

/**
 * One pre-LayerNorm GPT-2 block: {@code x + attn(ln_1(x))}, then {@code x + mlp(ln_2(x))}, with
 * the fused q/k/v projection {@code c_attn} and a GELU (tanh approximation) MLP.
 */
final class Gpt2Layer extends AbstractBlock {

    private final Gpt2Config config;
    private final LayerNorm ln1;
    private final Linear attention;
    private final Linear attentionProjection;
    private final LayerNorm ln2;
    private final Linear expand;
    private final Linear contract;

    Gpt2Layer(Gpt2Config config) {
        this.config = config;
        ln1 = addChildBlock("ln_1", TransformerOps.featureNorm(config.layerNormEps()));
        attention = addChildBlock("c_attn", Linear.builder().setUnits(3L * config.hidden()).build());
        attentionProjection = addChildBlock("attn_c_proj", Linear.builder().setUnits(config.hidden()).build());
        ln2 = addChildBlock("ln_2", TransformerOps.featureNorm(config.layerNormEps()));
        expand = addChildBlock("c_fc", Linear.builder().setUnits(config.inner()).build());
        contract = addChildBlock("mlp_c_proj", Linear.builder().setUnits(config.hidden()).build());
    }

    /** Slots under Hugging Face names relative to {@code h.<i>.}; Conv1D weights are stored (in, out). */
    void addSlots(String prefix, Map<String, CheckpointSlot> slots) {
        HfNames.layerNorm(slots, prefix + "ln_1", ln1);
        HfNames.conv1d(slots, prefix + "attn.c_attn", attention);
        HfNames.conv1d(slots, prefix + "attn.c_proj", attentionProjection);
        HfNames.layerNorm(slots, prefix + "ln_2", ln2);
        HfNames.conv1d(slots, prefix + "mlp.c_fc", expand);
        HfNames.conv1d(slots, prefix + "mlp.c_proj", contract);
    }

    /** Inputs: hidden (B,T,H), additive attention bias (B,1,T,T). Output: (B,T,H). */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDList qkv = apply(attention, store, apply(ln1, store, x, training), training).split(3, 2);
        NDArray attended = TransformerOps.multiHeadAttention(qkv.get(0), qkv.get(1), qkv.get(2), inputs.get(1),
                config.heads(), config.dropout(), training);
        x = x.add(dropout(apply(attentionProjection, store, attended, training), training));
        NDArray expanded = geluTanh(apply(expand, store, apply(ln2, store, x, training), training));
        return new NDList(x.add(dropout(apply(contract, store, expanded, training), training)));
    }

    /** GPT-2's {@code gelu_new}: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
    static NDArray geluTanh(NDArray x) {
        NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
        return x.mul(inner.tanh().add(1)).mul(0.5f);
    }

    private NDArray dropout(NDArray x, boolean training) {
        return Dropout.dropout(x, config.dropout(), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        for (Block block : new Block[] {ln1, attention, attentionProjection, ln2, expand}) {
            block.initialize(manager, dataType, hidden);
        }
        contract.initialize(manager, dataType, new Shape(hidden.get(0), hidden.get(1), config.inner()));
    }
}
