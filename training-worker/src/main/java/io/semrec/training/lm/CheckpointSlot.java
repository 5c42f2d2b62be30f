package io.semrec.training.lm;

import ai.djl.nn.Parameter;

/**
 * Where one checkpoint tensor goes.
 *
 * @param transposed the checkpoint stores the matrix as (in, out), DJL's Linear wants (out, in)
 *     (GPT-2's Conv1D layers)
 */
public record CheckpointSlot(Parameter parameter, boolean transposed) {

    public static CheckpointSlot of(Parameter parameter) {
        return new CheckpointSlot(parameter, false);
    }

    public static CheckpointSlot transposedOf(Parameter parameter) {
        return new CheckpointSlot(parameter, true);
    }
}
