package io.semrec.training.said;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.semrec.training.sasrec.ItemEmbedding;
import io.semrec.training.sasrec.SequenceBatch;
import io.semrec.training.sasrec.SequenceNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * A GRU4Rec-style downstream model: one GRU layer (PyTorch's gates, {@code [reset; update; candidate]})
 * reads the item vectors from a zero state; its hidden state at a position is that prefix's query.
 * Padding (left of a right-aligned history) leaves the state at zero, so a history's query does not
 * depend on its padding. Written with plain ops, step by step, so serving's
 * {@link io.semrec.encoder.SaidGruEncoder} can compute exactly the same.
 */
final class SaidGruNetwork extends SequenceNetwork {

    private final float dropout;
    final Linear input;
    final Linear hidden;

    SaidGruNetwork(ItemEmbedding items, int maxHistory, double dropout) {
        super(items, maxHistory);
        this.dropout = (float) dropout;
        input = addChildBlock("input", Linear.builder().setUnits(3L * items.dim()).build());
        hidden = addChildBlock("hidden", Linear.builder().setUnits(3L * items.dim()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray tokens = inputs.head();
        NDManager manager = tokens.getManager();
        int dim = dim();
        long batch = tokens.getShape().get(0);
        int length = Math.toIntExact(tokens.getShape().get(1));
        NDArray x = Dropout.dropout(itemVectors(tokens), dropout, training).head();
        NDArray gatesIn = input.forward(store, new NDList(x), training).head();
        NDArray real = tokens.neq(SequenceBatch.PADDING).toType(DataType.FLOAT32, false).expandDims(2);
        NDArray state = manager.zeros(new Shape(batch, dim));
        List<NDArray> states = new ArrayList<>(length);
        for (int t = 0; t < length; t++) {
            NDArray fromInput = gatesIn.get(":, " + t + ", :");
            NDArray fromState = hidden.forward(store, new NDList(state), training).head();
            NDArray reset = Activation.sigmoid(gate(fromInput, 0).add(gate(fromState, 0)));
            NDArray update = Activation.sigmoid(gate(fromInput, 1).add(gate(fromState, 1)));
            NDArray candidate = Activation.tanh(gate(fromInput, 2).add(reset.mul(gate(fromState, 2))));
            NDArray next = update.neg().add(1).mul(candidate).add(update.mul(state));
            NDArray keep = real.get(":, " + t + ", :");
            state = keep.mul(next).add(keep.neg().add(1).mul(state));
            states.add(state);
        }
        NDArray out = NDArrays.stack(new NDList(states), 1);
        return new NDList(Dropout.dropout(out, dropout, training).head());
    }

    /** Gate {@code g} (0 reset, 1 update, 2 candidate) of stacked gate pre-activations (B, 3 dim). */
    private NDArray gate(NDArray stacked, int g) {
        return stacked.get(":, " + g * dim() + ":" + (g + 1) * dim());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {new Shape(tokens.get(0), tokens.get(1), dim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        items().initialize(manager, dataType, tokens);
        input.initialize(manager, dataType, new Shape(tokens.get(0), tokens.get(1), dim()));
        hidden.initialize(manager, dataType, new Shape(tokens.get(0), dim()));
    }
}
