package io.semrec.training.recformer;

import io.semrec.encoder.RecformerArchitecture;
import java.util.Arrays;

/**
 * Builds Recformer's encoder inputs from items' key–value tokens: {@code [CLS]}, then the history's
 * items most recent first, at most {@code maxItems} of them, the whole cut at {@code tokenBudget}
 * tokens ({@code [CLS]} included; like the reference code, the oldest item kept may be cut short).
 * An item alone is a one-item sequence, which is how item vectors are encoded. Serving builds its
 * sequences by the same rule from the published token ids.
 */
public final class SequenceAssembler {

    private final int clsId;
    private final int maxItems;
    private final int tokenBudget;

    public SequenceAssembler(int clsId, int maxItems, int tokenBudget) {
        if (tokenBudget < 2) {
            throw new IllegalArgumentException("a token budget needs room for [CLS] and one token");
        }
        this.clsId = clsId;
        this.maxItems = maxItems;
        this.tokenBudget = tokenBudget;
    }

    public int tokenBudget() {
        return tokenBudget;
    }

    /**
     * @param items every item's tokens, by dense index
     * @param history item indices, oldest first (as datasets hold them); must not be empty
     * @param end history items before this index are read (the prefix {@code history[0..end)})
     */
    public TokenSequence history(ItemTokens[] items, int[] history, int end) {
        if (end < 1) {
            throw new IllegalArgumentException("an empty history has no sequence");
        }
        int first = Math.max(0, end - maxItems);
        int length = 1;
        for (int i = end - 1; i >= first && length < tokenBudget; i--) {
            length = Math.min(tokenBudget, length + items[history[i]].length());
        }
        int[] ids = new int[length];
        int[] types = new int[length];
        int[] itemPositions = new int[length];
        boolean[] starts = new boolean[length];
        ids[0] = clsId;
        types[0] = RecformerArchitecture.CLS;
        int at = 1;
        for (int i = end - 1, k = 1; i >= first && at < length; i--, k++) {
            ItemTokens item = items[history[i]];
            int count = Math.min(item.length(), length - at);
            System.arraycopy(item.ids(), 0, ids, at, count);
            System.arraycopy(item.types(), 0, types, at, count);
            System.arraycopy(item.wordStarts(), 0, starts, at, count);
            Arrays.fill(itemPositions, at, at + count, k);
            at += count;
        }
        return new TokenSequence(ids, types, itemPositions, starts);
    }

    /** The whole history, oldest first. */
    public TokenSequence history(ItemTokens[] items, int[] history) {
        return history(items, history, history.length);
    }

    /** One item alone: what its item vector is encoded from. */
    public TokenSequence item(ItemTokens item) {
        return history(new ItemTokens[] {item}, new int[] {0}, 1);
    }
}
