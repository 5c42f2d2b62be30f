package io.semrec.queue;

/** What a heartbeat learned about a job it holds. */
public enum LeaseState {
    HELD,
    CANCEL_REQUESTED,
    LOST
}
