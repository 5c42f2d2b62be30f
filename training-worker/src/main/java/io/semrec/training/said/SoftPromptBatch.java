package io.semrec.training.said;

import io.semrec.training.lm.NextTokenLoss;
import java.util.Arrays;

/**
 * A batch of items as stage 1 feeds them to the language model: {@code K} soft tokens, then the item's
 * text tokens but the last, padded on the right. The soft prefix's last position predicts the first
 * text token and each text token the next, so exactly the item's text tokens are scored; the other
 * prefix positions and padding are not.
 *
 * @param items item indices (B)
 * @param textIds (B × textLength) row-major, the text inputs after the prefix, padded with the pad id
 * @param mask (B × (K + textLength)): 1 real, 0 padding
 * @param targets (B × (K + textLength)): the token each position predicts, {@link NextTokenLoss#IGNORE} elsewhere
 */
record SoftPromptBatch(long[] items, int softTokens, int textLength, long[] textIds, long[] mask, long[] targets) {

    /** @param texts each item's text tokens, at least one each */
    static SoftPromptBatch of(long[] items, long[][] texts, int softTokens, long padId) {
        int size = items.length;
        // At least one text column, so the input always has one: a padded one is masked and unscored.
        int textLength = Math.max(1, Arrays.stream(texts).mapToInt(t -> t.length - 1).max().orElse(1));
        int length = softTokens + textLength;
        long[] textIds = new long[size * textLength];
        long[] mask = new long[size * length];
        long[] targets = new long[size * length];
        Arrays.fill(textIds, padId);
        Arrays.fill(targets, NextTokenLoss.IGNORE);
        for (int b = 0; b < size; b++) {
            long[] text = texts[b];
            if (text.length == 0) {
                throw new IllegalArgumentException("item " + items[b] + " has no text tokens");
            }
            Arrays.fill(mask, b * length, b * length + softTokens + text.length - 1, 1);
            for (int t = 0; t < text.length; t++) {
                targets[b * length + softTokens - 1 + t] = text[t];
                if (t < text.length - 1) {
                    textIds[b * textLength + t] = text[t];
                }
            }
        }
        return new SoftPromptBatch(items, softTokens, textLength, textIds, mask, targets);
    }

    int size() {
        return items.length;
    }

    int length() {
        return softTokens + textLength;
    }

    /** Scored positions: the batch's text tokens. */
    int tokenCount() {
        return (int) Arrays.stream(targets).filter(t -> t != NextTokenLoss.IGNORE).count();
    }
}
