package io.semrec.worker;

import ai.djl.Device;
import io.semrec.catalog.CatalogSettings;
import io.semrec.training.spec.ResolvedParameters;
import io.semrec.queue.ClaimedJob;
import io.semrec.training.ProgressReporter;
import io.semrec.training.TrainingContext;
import io.semrec.training.TrainingStoppedException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One claimed job while a slot trains it: the trainer's context, and the state the heartbeat updates. */
final class JobRun implements TrainingContext {

    final ClaimedJob job;
    final JobProgress progress;
    /** Held while the job's row is written, so a heartbeat never interleaves with the final write. */
    final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicReference<StopReason> stop = new AtomicReference<>();
    private final Supplier<Device> device;
    private final int threads;
    private final ResolvedParameters params;
    private volatile boolean finished;

    JobRun(ClaimedJob job, ResolvedParameters params, JobProgress progress, Supplier<Device> device, int threads) {
        this.job = job;
        this.params = params;
        this.progress = progress;
        this.device = device;
        this.threads = threads;
    }

    void requestStop(StopReason reason) {
        stop.accumulateAndGet(reason, (current, next) -> current == null || next.compareTo(current) > 0 ? next : current);
    }

    StopReason stopReason() {
        return stop.get();
    }

    /** Called under {@link #writeLock} before the final write; heartbeats skip finished runs. */
    void markFinished() {
        finished = true;
    }

    boolean finished() {
        return finished;
    }

    @Override
    public long jobId() {
        return job.id();
    }

    @Override
    public long catalogId() {
        return job.catalogId();
    }

    @Override
    public String catalogSlug() {
        return job.catalogSlug();
    }

    @Override
    public CatalogSettings catalogSettings() {
        return job.catalogSettings();
    }

    @Override
    public String activate() {
        return job.activate();
    }

    @Override
    public ResolvedParameters params() {
        return params;
    }

    @Override
    public ProgressReporter progress() {
        return progress;
    }

    @Override
    public boolean stopRequested() {
        return stop.get() != null;
    }

    @Override
    public void checkStop() {
        if (stopRequested()) {
            throw new TrainingStoppedException();
        }
    }

    @Override
    public Device device() {
        return device.get();
    }

    @Override
    public int threads() {
        return threads;
    }
}
