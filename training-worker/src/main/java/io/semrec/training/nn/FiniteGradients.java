package io.semrec.training.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * Whether a backward pass left only finite gradients, so a trainer can skip the optimizer step
 * instead of letting one bad batch turn every weight into NaN for good.
 */
public final class FiniteGradients {

    private FiniteGradients() {
    }

    /** True when every trainable parameter of {@code block} has a finite gradient; reads on {@code manager}. */
    public static boolean of(Block block, NDManager manager) {
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.requiresGradient()) {
                NDArray gradient = parameter.getArray().getGradient();
                gradient.attach(manager);
                if (!Float.isFinite(gradient.abs().sum().getFloat())) {
                    return false;
                }
            }
        }
        return true;
    }
}
