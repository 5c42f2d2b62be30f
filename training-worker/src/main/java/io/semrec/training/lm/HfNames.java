package io.semrec.training.lm;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.Map;

/** Registers DJL blocks' parameters under Hugging Face checkpoint names. */
final class HfNames {

    private HfNames() {
    }

    /** An {@code nn.Linear}: weight (out, in) as DJL stores it, bias if the block has one. */
    static void linear(Map<String, CheckpointSlot> slots, String prefix, Linear linear) {
        slots.put(prefix + ".weight", CheckpointSlot.of(linear.getParameters().get("weight")));
        bias(slots, prefix, linear);
    }

    /** GPT-2's {@code Conv1D}: the weight stored transposed, (in, out). */
    static void conv1d(Map<String, CheckpointSlot> slots, String prefix, Linear linear) {
        slots.put(prefix + ".weight", CheckpointSlot.transposedOf(linear.getParameters().get("weight")));
        bias(slots, prefix, linear);
    }

    /** A LayerNorm: gamma as {@code weight}, beta as {@code bias}. */
    static void layerNorm(Map<String, CheckpointSlot> slots, String prefix, Block norm) {
        slots.put(prefix + ".weight", CheckpointSlot.of(norm.getParameters().get("gamma")));
        slots.put(prefix + ".bias", CheckpointSlot.of(norm.getParameters().get("beta")));
    }

    static void single(Map<String, CheckpointSlot> slots, String name, Parameter parameter) {
        slots.put(name, CheckpointSlot.of(parameter));
    }

    private static void bias(Map<String, CheckpointSlot> slots, String prefix, Linear linear) {
        if (linear.getParameters().contains("bias")) {
            slots.put(prefix + ".bias", CheckpointSlot.of(linear.getParameters().get("bias")));
        }
    }
}
