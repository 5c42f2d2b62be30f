package io.semrec.encoder;

import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each item's Recformer tokens as the training worker tokenised them (key and value tokens of its
 * attributes, no [CLS]), so serving builds sequences without a tokenizer. Stored in the model's
 * encoder artifact beside the weights ({@link #toSafeTensors()}):
 * {@code item_ids} I64 [N] (the catalog's internal item ids), {@code item_token_offsets} I64 [N+1]
 * (item {@code n}'s tokens are {@code [offsets[n], offsets[n+1])}), {@code item_token_ids} I32 [total]
 * and {@code item_token_types} I32 [total] (concatenated, types {@link RecformerArchitecture#KEY} or
 * {@code VALUE}), and metadata {@code cls_token_id}.
 */
public final class RecformerItemTokens {

    public static final String ITEM_IDS = "item_ids";
    public static final String OFFSETS = "item_token_offsets";
    public static final String TOKEN_IDS = "item_token_ids";
    public static final String TOKEN_TYPES = "item_token_types";
    public static final String CLS_TOKEN_ID = "cls_token_id";

    private final long[] itemIds;
    private final long[] offsets;
    private final int[] tokenIds;
    private final int[] tokenTypes;
    private final int clsTokenId;
    private final Map<Long, Integer> indexById;

    /** @param offsets N+1 non-decreasing offsets from 0 to {@code tokenIds.length} */
    public RecformerItemTokens(long[] itemIds, long[] offsets, int[] tokenIds, int[] tokenTypes, int clsTokenId) {
        if (offsets.length != itemIds.length + 1 || offsets[0] != 0 || offsets[itemIds.length] != tokenIds.length
                || tokenTypes.length != tokenIds.length) {
            throw new IllegalArgumentException("item token offsets do not cover the " + tokenIds.length + " tokens");
        }
        for (int n = 0; n < itemIds.length; n++) {
            if (offsets[n + 1] < offsets[n]) {
                throw new IllegalArgumentException("item token offsets decrease at item " + n);
            }
        }
        this.itemIds = itemIds;
        this.offsets = offsets;
        this.tokenIds = tokenIds;
        this.tokenTypes = tokenTypes;
        this.clsTokenId = clsTokenId;
        indexById = new HashMap<>(itemIds.length * 2);
        for (int n = 0; n < itemIds.length; n++) {
            if (indexById.put(itemIds[n], n) != null) {
                throw new IllegalArgumentException("item " + itemIds[n] + " has tokens twice");
            }
        }
    }

    public int clsTokenId() {
        return clsTokenId;
    }

    public int itemCount() {
        return itemIds.length;
    }

    /** Index of the item's tokens, or -1 when the model has none for it. */
    public int indexOf(long itemId) {
        return indexById.getOrDefault(itemId, -1);
    }

    public int start(int index) {
        return (int) offsets[index];
    }

    public int end(int index) {
        return (int) offsets[index + 1];
    }

    public int tokenId(int at) {
        return tokenIds[at];
    }

    public int tokenType(int at) {
        return tokenTypes[at];
    }

    public Map<String, Tensor> tensors() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put(ITEM_IDS, Tensor.i64(new long[] {itemIds.length}, itemIds));
        tensors.put(OFFSETS, Tensor.i64(new long[] {offsets.length}, offsets));
        tensors.put(TOKEN_IDS, Tensor.i32(new long[] {tokenIds.length}, tokenIds));
        tensors.put(TOKEN_TYPES, Tensor.i32(new long[] {tokenTypes.length}, tokenTypes));
        return tensors;
    }

    public Map<String, String> metadata() {
        return Map.of(CLS_TOKEN_ID, Integer.toString(clsTokenId));
    }

    public SafeTensors toSafeTensors() {
        return new SafeTensors(tensors(), metadata());
    }

    /** @throws IOException if the file lacks the item tensors or they are inconsistent */
    public static RecformerItemTokens fromSafeTensors(SafeTensors file) throws IOException {
        try {
            String cls = file.metadata().get(CLS_TOKEN_ID);
            if (cls == null) {
                throw new IOException("Recformer item tokens lack metadata " + CLS_TOKEN_ID);
            }
            return new RecformerItemTokens(file.require(ITEM_IDS).toLongs(), file.require(OFFSETS).toLongs(),
                    ints(file.require(TOKEN_IDS)), ints(file.require(TOKEN_TYPES)), Integer.parseInt(cls));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException("Recformer item tokens: " + e.getMessage(), e);
        }
    }

    private static int[] ints(Tensor tensor) {
        return Arrays.stream(tensor.toLongs()).mapToInt(Math::toIntExact).toArray();
    }
}
