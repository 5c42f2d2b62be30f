package io.semrec.ingest;

/**
 * The order of a user's history, most recent first: by sequence number when events have one, then by
 * time, then by arrival (id); events without seq sort after those with one. It matches the index
 * {@code event_user_history}. Serving, training and precomputation all read histories in this order.
 */
public final class EventOrder {

    private EventOrder() {
    }

    /** The {@code ORDER BY} terms over the {@code event} table aliased {@code alias}. */
    public static String newestFirst(String alias) {
        String a = alias.isEmpty() ? "" : alias + ".";
        return a + "seq DESC NULLS LAST, " + a + "occurred_at DESC NULLS LAST, " + a + "id DESC";
    }
}
