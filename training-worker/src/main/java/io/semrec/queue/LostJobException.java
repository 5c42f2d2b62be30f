package io.semrec.queue;

/** A write for a job was refused because the job is no longer running this attempt under this worker. */
public class LostJobException extends RuntimeException {

    public LostJobException(ClaimedJob job) {
        super("job " + job.id() + " attempt " + job.attempt() + " is no longer held by " + job.owner());
    }
}
