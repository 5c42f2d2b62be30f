package io.semrec.admin.training;

import io.semrec.admin.Durations;
import io.semrec.jobs.JobStatus;
import io.semrec.jobs.TrainingJobView;

/**
 * A training job as its page shows it, with its progress already written out: the page renders it
 * and the live stream sends it, so both show the same text.
 *
 * @param steps "3 of 10" in the current phase, or null before the first phase with steps
 * @param percent how far the phase is, or null when unknown
 * @param attempt "1 of 3"
 */
public record JobSummary(TrainingJobView job, boolean finished, boolean cancellable, String phase, String steps,
        Integer percent, String elapsed, String eta, String attempt) {

    private static final int PERCENT = 100;

    static JobSummary of(TrainingJobView job) {
        JobStatus status = JobStatus.fromWireName(job.status()).orElseThrow();
        boolean open = status == JobStatus.QUEUED || status == JobStatus.RUNNING;
        TrainingJobView.Progress progress = job.progress();
        String phase = progress == null ? null : progress.phase();
        String steps = null;
        Integer percent = null;
        if (progress != null && progress.total() != null && progress.total() > 0 && progress.step() != null) {
            steps = progress.step() + " of " + progress.total();
            percent = Math.min(PERCENT, PERCENT * progress.step() / progress.total());
        }
        return new JobSummary(job, !open, open && !job.cancelRequested(), phase, steps, percent,
                progress == null ? null : Durations.duration(progress.elapsedSeconds()),
                progress == null ? null : Durations.duration(progress.etaSeconds()),
                job.attempts() + " of " + job.maxAttempts());
    }
}
