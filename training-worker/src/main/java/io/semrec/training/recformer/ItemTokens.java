package io.semrec.training.recformer;

import io.semrec.encoder.RecformerArchitecture;
import java.util.Arrays;

/**
 * One item as key–value text, tokenised: for each attribute its key tokens ({@link RecformerArchitecture#KEY})
 * then its value tokens ({@link RecformerArchitecture#VALUE}), no separators, no [CLS].
 *
 * @param ids WordPiece token ids
 * @param types token types, parallel to {@code ids}
 * @param wordStarts true where a token begins a word (not a {@code ##} continuation), for whole-word masking
 */
public record ItemTokens(int[] ids, int[] types, boolean[] wordStarts) {

    public ItemTokens {
        if (ids.length != types.length || ids.length != wordStarts.length) {
            throw new IllegalArgumentException("token columns differ in length");
        }
    }

    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ItemTokens that && Arrays.equals(ids, that.ids) && Arrays.equals(types, that.types)
                && Arrays.equals(wordStarts, that.wordStarts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(types);
    }

    @Override
    public String toString() {
        return "ItemTokens" + Arrays.toString(ids);
    }
}
