package io.semrec.training.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/** RMSNorm over the last axis: {@code weight · x / sqrt(mean(x²) + eps)}, weight starting at 1. */
final class RmsNorm extends AbstractBlock {

    private final float epsilon;
    private final Parameter weight;

    RmsNorm(int width, float epsilon) {
        this.epsilon = epsilon;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(width))
                .optInitializer(new ConstantInitializer(1))
                .build());
    }

    Parameter weight() {
        return weight;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray rms = x.square().mean(new int[] {-1}, true).add(epsilon).sqrt();
        return new NDList(x.div(rms).mul(store.getValue(weight, x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
