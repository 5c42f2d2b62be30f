package io.semrec.training.recformer;

import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.recformer.model.RecformerInput;

/**
 * One encoder input before padding: {@code [CLS]} then items' key–value tokens, most recent item first.
 *
 * @param ids token ids, {@code [CLS]} first
 * @param types token types ({@link RecformerArchitecture})
 * @param itemPositions 0 for {@code [CLS]}, k for every token of the k-th most recent item
 * @param wordStarts true where a token begins a word (false for {@code [CLS]}), for whole-word masking
 */
public record TokenSequence(int[] ids, int[] types, int[] itemPositions, boolean[] wordStarts) {

    public TokenSequence {
        int n = ids.length;
        if (types.length != n || itemPositions.length != n || wordStarts.length != n) {
            throw new IllegalArgumentException("token columns differ in length");
        }
    }

    public int length() {
        return ids.length;
    }

    /** The encoder's view of it (word starts are only for masking). */
    public RecformerInput.Sequence toInput() {
        return new RecformerInput.Sequence(ids, types, itemPositions);
    }

    /** The same sequence with other token ids, e.g. masked for MLM. */
    public TokenSequence withIds(int[] newIds) {
        return new TokenSequence(newIds, types, itemPositions, wordStarts);
    }
}
