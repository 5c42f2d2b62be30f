package io.semrec.training.data;

/**
 * A catalog's items and every user's chronological history (dense item indices, oldest first),
 * as one training run sees them.
 *
 * <p>History order: by {@code seq} when events carry one, else by {@code occurred_at}; ties and the
 * rest by event id. It is exactly the reverse of the "most recent first" order serving reads
 * ({@code seq DESC NULLS LAST, occurred_at DESC NULLS LAST, id DESC}), so a catalog that mixes
 * both kinds puts its unsequenced events before the sequenced ones.
 *
 * @param userIds external user ids, parallel to {@code histories}
 * @param histories one non-empty array per user, item indices into {@code items}, oldest first
 */
public record InteractionDataset(ItemTable items, String[] userIds, int[][] histories, SnapshotInfo snapshot) {

    public InteractionDataset {
        if (userIds.length != histories.length) {
            throw new IllegalArgumentException("userIds and histories differ in length");
        }
    }

    public int userCount() {
        return histories.length;
    }

    public int itemCount() {
        return items.size();
    }
}
