package io.semrec.training.recformer;

import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.encoder.RecformerEncoder;
import io.semrec.encoder.RecformerItemTokens;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between the trainer's per-item {@link ItemTokens} and the published {@link RecformerItemTokens} that
 * serving reads from the model's {@value RecformerEncoder#ARTIFACT} (beside the encoder weights).
 */
final class PublishedItemTokens {

    private PublishedItemTokens() {
    }

    /** @param itemIds the catalog's internal item ids, row by row with {@code tokens} */
    static RecformerItemTokens of(long[] itemIds, ItemTokens[] tokens, int clsId) {
        long[] offsets = new long[tokens.length + 1];
        for (int r = 0; r < tokens.length; r++) {
            offsets[r + 1] = offsets[r] + tokens[r].length();
        }
        int[] ids = new int[(int) offsets[tokens.length]];
        int[] types = new int[ids.length];
        for (int r = 0; r < tokens.length; r++) {
            System.arraycopy(tokens[r].ids(), 0, ids, (int) offsets[r], tokens[r].length());
            System.arraycopy(tokens[r].types(), 0, types, (int) offsets[r], tokens[r].length());
        }
        return new RecformerItemTokens(itemIds, offsets, ids, types, clsId);
    }

    /**
     * Row {@code index}'s tokens. Word starts are not published (serving does not mask), so every token
     * is marked as one.
     */
    static ItemTokens row(RecformerItemTokens published, int index) {
        int from = published.start(index);
        int to = published.end(index);
        int[] ids = new int[to - from];
        int[] types = new int[ids.length];
        for (int at = from; at < to; at++) {
            ids[at - from] = published.tokenId(at);
            types[at - from] = published.tokenType(at);
        }
        boolean[] starts = new boolean[ids.length];
        Arrays.fill(starts, true);
        return new ItemTokens(ids, types, starts);
    }

    /** The encoder weights of a published artifact, without the item tensors stored beside them. */
    static SafeTensors weights(SafeTensors artifact) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(artifact.tensors());
        tensors.keySet().removeAll(List.of(RecformerItemTokens.ITEM_IDS, RecformerItemTokens.OFFSETS,
                RecformerItemTokens.TOKEN_IDS, RecformerItemTokens.TOKEN_TYPES));
        return new SafeTensors(tensors, artifact.metadata());
    }
}
