package io.semrec.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Training job settings of the app ({@code semrec.jobs.*}). */
@ConfigMapping(prefix = "semrec.jobs")
public interface JobsConfig {

    /** Attempts a job gets: a worker that dies mid-job costs one, then the job fails. */
    @WithDefault("3")
    int maxAttempts();

    /**
     * How late a scheduled retrain is still enqueued, e.g. when the app was down at its time; older
     * slots are skipped.
     */
    @WithDefault("1h")
    Duration retrainGrace();

    /**
     * A worker slot silent this long is shown as stale: with the workers' default lease (30 s) its
     * job has been handed back to the queue by then.
     */
    @WithDefault("30s")
    Duration workerStaleAfter();

    /** How often each replica checks the catalogs' retrain schedules ({@code disabled}: never). */
    @WithDefault("60s")
    String retrainCheck();
}
