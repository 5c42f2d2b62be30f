package io.semrec.training.said;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.semrec.training.lm.CausalLm;

/**
 * Stage 1's exact-recovery check: greedy decoding from an item's soft tokens alone must reproduce the
 * first {@code N} tokens of its text (all of them when the text is shorter). The rate is the share of
 * items for which it does.
 */
final class ExactRecovery {

    private static final int BATCH = 64;

    /** The soft tokens (B, K, width) of items, on the given manager. */
    @FunctionalInterface
    interface SoftTokens {
        NDArray of(NDManager manager, long[] items);
    }

    private final CausalLm lm;
    private final int tokens;

    ExactRecovery(CausalLm lm, int tokens) {
        this.lm = lm;
        this.tokens = tokens;
    }

    /** Share of {@code items} whose text's first tokens greedy decoding reproduces; 0 for no items. */
    double rate(SoftTokens softTokens, int[] items, long[][] texts) {
        if (items.length == 0) {
            return 0;
        }
        int recovered = 0;
        for (int from = 0; from < items.length; from += BATCH) {
            long[] batch = new long[Math.min(BATCH, items.length - from)];
            for (int b = 0; b < batch.length; b++) {
                batch[b] = items[from + b];
            }
            long[][] decoded = decode(softTokens, batch);
            for (int b = 0; b < batch.length; b++) {
                long[] text = texts[(int) batch[b]];
                boolean same = true;
                for (int t = 0; t < Math.min(tokens, text.length) && same; t++) {
                    same = decoded[b][t] == text[t];
                }
                recovered += same ? 1 : 0;
            }
        }
        return (double) recovered / items.length;
    }

    /** The first {@code tokens} greedy tokens after each item's soft prefix: {@code [item][token]}. */
    long[][] decode(SoftTokens softTokens, long[] items) {
        long[][] decoded = new long[items.length][tokens];
        try (NDManager manager = NDManager.newBaseManager(lm.device())) {
            NDArray inputs = softTokens.of(manager, items);
            for (int t = 0; t < tokens; t++) {
                NDArray mask = manager.ones(new Shape(items.length, inputs.getShape().get(1)), DataType.INT64);
                NDArray next = lm.forward(inputs, mask, false).get(":, -1, :").argMax(1);
                long[] ids = next.toType(DataType.INT64, false).toLongArray();
                for (int b = 0; b < items.length; b++) {
                    decoded[b][t] = ids[b];
                }
                inputs = inputs.concat(lm.embed(manager.create(ids, new Shape(items.length, 1))), 1);
            }
        }
        return decoded;
    }
}
