package io.semrec.training.recformer.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.semrec.encoder.RecformerArchitecture;
import java.util.Arrays;
import java.util.List;

/**
 * A batch of Recformer token sequences, each (B,T), padded on the right: row {@code b} holds its real
 * tokens at {@code 0..n_b-1}, then padding. Index 0 of every row is the [CLS] token, the only token
 * with global attention.
 *
 * @param tokenIds vocabulary ids; padding holds {@link #PAD_TOKEN_ID} (masked, so any valid id works)
 * @param tokenTypes {@link RecformerArchitecture#CLS}, {@code KEY}, {@code VALUE}, {@code PAD}
 * @param tokenPositions 0, 1, ... over the real tokens (the model adds its position offset); 0 on padding
 * @param itemPositions 0 for CLS, k for every token of the k-th most recent item; 0 on padding
 * @param attentionMask 1 for real tokens, 0 for padding
 */
public record RecformerInput(int[][] tokenIds, int[][] tokenTypes, int[][] tokenPositions, int[][] itemPositions,
        int[][] attentionMask) {

    /** Token id written on padding. */
    public static final int PAD_TOKEN_ID = 0;

    /** One unpadded sequence: [CLS] first, its tokens' types and item positions alike in length. */
    public record Sequence(int[] tokenIds, int[] tokenTypes, int[] itemPositions) {

        public Sequence {
            if (tokenIds.length == 0 || tokenTypes.length != tokenIds.length
                    || itemPositions.length != tokenIds.length) {
                throw new IllegalArgumentException("a sequence needs equally long, non-empty ids, types and item positions");
            }
        }
    }

    /** Pads sequences on the right to the longest and numbers token positions 0, 1, ... */
    public static RecformerInput of(List<Sequence> sequences) {
        int length = sequences.stream().mapToInt(s -> s.tokenIds().length).max().orElseThrow();
        int batch = sequences.size();
        int[][] ids = new int[batch][length];
        int[][] types = new int[batch][length];
        int[][] positions = new int[batch][length];
        int[][] items = new int[batch][length];
        int[][] mask = new int[batch][length];
        for (int b = 0; b < batch; b++) {
            Sequence sequence = sequences.get(b);
            int n = sequence.tokenIds().length;
            Arrays.fill(ids[b], PAD_TOKEN_ID);
            Arrays.fill(types[b], RecformerArchitecture.PAD);
            System.arraycopy(sequence.tokenIds(), 0, ids[b], 0, n);
            System.arraycopy(sequence.tokenTypes(), 0, types[b], 0, n);
            System.arraycopy(sequence.itemPositions(), 0, items[b], 0, n);
            for (int t = 0; t < n; t++) {
                positions[b][t] = t;
                mask[b][t] = 1;
            }
        }
        return new RecformerInput(ids, types, positions, items, mask);
    }

    public int batchSize() {
        return tokenIds.length;
    }

    public int length() {
        return tokenIds[0].length;
    }

    /** The encoder's inputs, int64 (B,T) each: token ids, token types, token positions, item positions, mask. */
    public NDList toNDList(NDManager manager) {
        NDList list = new NDList();
        for (int[][] matrix : new int[][][] {tokenIds, tokenTypes, tokenPositions, itemPositions, attentionMask}) {
            list.add(manager.create(matrix).toType(DataType.INT64, false));
        }
        return list;
    }
}
