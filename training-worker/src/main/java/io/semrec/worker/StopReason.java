package io.semrec.worker;

/** Why a running job was asked to stop; a later reason of higher rank overrides an earlier one. */
enum StopReason {
    /** The worker is shutting down: the job goes back to the queue. */
    SHUTDOWN,
    /** A client cancelled the job. */
    CANCELLED,
    /** Another worker took over (lease expired): this worker must not write anything more. */
    LOST
}
