package io.semrec.training.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * Whether a backward pass left only finite gradients, so a trainer can skip the optimizer step
 * instead of letting one bad batch turn every weight into NaN for good.
 */
public final class FiniteGradients {

    private FiniteGradients() {
    }

    /**
     * Sets every trainable parameter's gradient of {@code block} to zero; call it instead of the gradient
     * collector's reset after a non-finite backward pass. That reset subtracts a gradient from itself, which
     * leaves NaN as NaN (and turns infinities into NaN), so one bad batch made every later step of the run
     * look non-finite and training stalled (SAID stage 2 on amazon-office, docs/benchmarks.md). PyTorch's
     * own zeroing fills in place; writing a Java buffer into the gradient instead would leave the tensor on
     * memory that the garbage collector frees.
     */
    public static void clear(Block block) {
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.requiresGradient()) {
                JniUtils.zeroGrad((PtNDArray) parameter.getArray());
            }
        }
    }

    /**
     * Back-propagates {@code loss} when its value is finite and keeps the gradients of {@code block} when they
     * are finite too; otherwise leaves every gradient zero, so the caller skips the optimiser step.
     *
     * @param lossValue the loss's value, already read
     * @return whether the optimiser may step
     */
    public static boolean backward(GradientCollector collector, NDArray loss, float lossValue, Block block,
            NDManager manager) {
        if (!Float.isFinite(lossValue)) {
            return false;
        }
        collector.backward(loss);
        if (!of(block, manager)) {
            clear(block);
            return false;
        }
        return true;
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
