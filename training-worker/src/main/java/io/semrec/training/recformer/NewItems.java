package io.semrec.training.recformer;

import io.semrec.encoder.RecformerItemTokens;
import io.semrec.training.data.ItemTable;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/** The catalog's items a published model has no vector for (added since it was trained), with their tokens. */
final class NewItems {

    private final int[] indices;
    private final ItemTokens[] tokens;

    private NewItems(int[] indices, ItemTokens[] tokens) {
        this.indices = indices;
        this.tokens = tokens;
    }

    /** @param baseVectors by the table's item index, null where the base model has none */
    static NewItems of(ItemTable items, float[][] baseVectors, KeyValueTokenizer tokenizer) {
        int[] indices = IntStream.range(0, items.size()).filter(i -> baseVectors[i] == null).toArray();
        ItemTokens[] tokens = new ItemTokens[indices.length];
        for (int n = 0; n < indices.length; n++) {
            tokens[n] = tokenizer.item(items.attributes(indices[n]));
        }
        return new NewItems(indices, tokens);
    }

    boolean isEmpty() {
        return indices.length == 0;
    }

    int size() {
        return indices.length;
    }

    ItemTokens[] tokens() {
        return tokens;
    }

    /** Puts the new items' vectors ({@code encoded}, in {@link #tokens()} order) into the table-indexed vectors. */
    void fill(float[][] vectors, float[][] encoded) {
        for (int n = 0; n < indices.length; n++) {
            vectors[indices[n]] = encoded[n];
        }
    }

    /**
     * The item tokens of the refreshed model: one row per item of the table, in table order, the base
     * model's tokens for the items it had (unchanged, like their vectors) and the new items' own.
     */
    RecformerItemTokens extend(RecformerItemTokens base, ItemTable items) {
        Map<Long, ItemTokens> added = new HashMap<>();
        for (int n = 0; n < indices.length; n++) {
            added.put(items.internalId(indices[n]), tokens[n]);
        }
        long[] itemIds = new long[items.size()];
        ItemTokens[] rows = new ItemTokens[items.size()];
        for (int i = 0; i < rows.length; i++) {
            itemIds[i] = items.internalId(i);
            int known = base.indexOf(itemIds[i]);
            rows[i] = known >= 0 ? PublishedItemTokens.row(base, known) : added.get(itemIds[i]);
        }
        return PublishedItemTokens.of(itemIds, rows, base.clsTokenId());
    }
}
