package io.semrec.training.recformer;

import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.encoder.RecformerArchitecture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published items' key–value tokens, so serving builds a history's sequence without a tokenizer:
 * artifact {@value #NAME}, a safetensors file with
 * <ul>
 *   <li>{@code item_ids} I64 [n]: the catalog's internal item ids, one row per item;</li>
 *   <li>{@code item_token_offsets} I32 [n+1]: item r's tokens are {@code offsets[r]..offsets[r+1]-1};</li>
 *   <li>{@code item_token_ids} I32 [total]: every item's token ids, concatenated in row order;</li>
 *   <li>{@code item_token_types} I32 [total]: their types ({@link RecformerArchitecture#KEY} or {@code VALUE});</li>
 * </ul>
 * and metadata {@code cls_token_id}, {@code max_items}, {@code serving_token_budget}. A sequence is
 * {@code [CLS]} (type CLS, item position 0) followed by the tokens of the history's items, most recent
 * first, the k-th most recent at item position k, at most {@code max_items} items, the whole cut at
 * {@code serving_token_budget} tokens ({@link SequenceAssembler}).
 */
public record ItemTokenArtifact(long[] itemIds, ItemTokens[] tokens, int clsId, int maxItems, int servingTokenBudget) {

    public static final String NAME = "item_tokens.safetensors";
    static final String ITEM_IDS = "item_ids";
    static final String OFFSETS = "item_token_offsets";
    static final String TOKEN_IDS = "item_token_ids";
    static final String TOKEN_TYPES = "item_token_types";
    static final String CLS_TOKEN_ID = "cls_token_id";
    static final String MAX_ITEMS = "max_items";
    static final String SERVING_TOKEN_BUDGET = "serving_token_budget";

    public ItemTokenArtifact {
        if (itemIds.length != tokens.length) {
            throw new IllegalArgumentException("item ids and tokens differ in length");
        }
    }

    public SafeTensors toSafeTensors() {
        int[] offsets = new int[tokens.length + 1];
        for (int r = 0; r < tokens.length; r++) {
            offsets[r + 1] = offsets[r] + tokens[r].length();
        }
        int[] ids = new int[offsets[tokens.length]];
        int[] types = new int[ids.length];
        for (int r = 0; r < tokens.length; r++) {
            System.arraycopy(tokens[r].ids(), 0, ids, offsets[r], tokens[r].length());
            System.arraycopy(tokens[r].types(), 0, types, offsets[r], tokens[r].length());
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put(ITEM_IDS, Tensor.i64(new long[] {itemIds.length}, itemIds));
        tensors.put(OFFSETS, Tensor.i32(new long[] {offsets.length}, offsets));
        tensors.put(TOKEN_IDS, Tensor.i32(new long[] {ids.length}, ids));
        tensors.put(TOKEN_TYPES, Tensor.i32(new long[] {types.length}, types));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(CLS_TOKEN_ID, Integer.toString(clsId));
        metadata.put(MAX_ITEMS, Integer.toString(maxItems));
        metadata.put(SERVING_TOKEN_BUDGET, Integer.toString(servingTokenBudget));
        return new SafeTensors(tensors, metadata);
    }

    /**
     * Reads what {@link #toSafeTensors()} wrote. Word starts are not stored (serving does not mask),
     * so the tokens read back mark every token as a word start.
     */
    public static ItemTokenArtifact read(byte[] bytes) throws IOException {
        SafeTensors file = SafeTensors.read(bytes);
        long[] itemIds = file.require(ITEM_IDS).toLongs();
        long[] offsets = file.require(OFFSETS).toLongs();
        long[] ids = file.require(TOKEN_IDS).toLongs();
        long[] types = file.require(TOKEN_TYPES).toLongs();
        if (offsets.length != itemIds.length + 1 || offsets[itemIds.length] != ids.length || types.length != ids.length) {
            throw new IOException(NAME + ": offsets do not fit the items and tokens");
        }
        List<ItemTokens> tokens = new ArrayList<>(itemIds.length);
        for (int r = 0; r < itemIds.length; r++) {
            int from = (int) offsets[r];
            int to = (int) offsets[r + 1];
            boolean[] starts = new boolean[to - from];
            Arrays.fill(starts, true);
            tokens.add(new ItemTokens(toInts(ids, from, to), toInts(types, from, to), starts));
        }
        Map<String, String> metadata = file.metadata();
        return new ItemTokenArtifact(itemIds, tokens.toArray(ItemTokens[]::new), integer(metadata, CLS_TOKEN_ID),
                integer(metadata, MAX_ITEMS), integer(metadata, SERVING_TOKEN_BUDGET));
    }

    private static int[] toInts(long[] values, int from, int to) {
        return Arrays.stream(values, from, to).mapToInt(Math::toIntExact).toArray();
    }

    private static int integer(Map<String, String> metadata, String key) throws IOException {
        String value = metadata.get(key);
        if (value == null) {
            throw new IOException(NAME + " lacks metadata " + key);
        }
        return Integer.parseInt(value);
    }
}
