package io.semrec.worker;

import ai.djl.Device;
import io.semrec.training.spec.InvalidParameterException;
import io.semrec.training.spec.ResolvedParameters;
import io.semrec.jobs.TrainingJob;
import io.semrec.queue.ClaimedJob;
import io.semrec.queue.JobQueue;
import io.semrec.queue.LostJobException;
import io.semrec.queue.ProgressSnapshot;
import io.semrec.training.TrainingMethod;
import io.semrec.training.TrainingOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A process's job slots: each claims a job, trains it and records the end; one timer thread renews
 * leases (carrying progress and picking up cancellation) and hands expired leases of any worker back
 * to the queue. {@link #stop()} asks running trainers to stop and releases their jobs.
 */
public final class WorkerPool {

    private static final Logger LOG = Logger.getLogger(WorkerPool.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    /** How the pool runs; see {@link WorkerConfig} for each value's meaning. */
    public record Settings(int concurrency, int threads, Duration lease, Duration heartbeat, Duration poll,
            Duration shutdownGrace, String activationMetric) {

        static Settings of(WorkerConfig config) {
            int threads = config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
            return new Settings(config.concurrency(), threads, config.lease(), config.heartbeat(), config.poll(),
                    config.shutdownGrace(), config.activationMetric());
        }
    }

    private final String host;
    private final Settings settings;
    private final JobQueue queue;
    private final WorkerRegistry registry;
    private final Map<String, TrainingMethod> methods;
    private final Supplier<Device> device;
    private final Clock clock = Clock.systemUTC();
    private final List<String> slotIds = new ArrayList<>();
    private final List<Thread> slots = new ArrayList<>();
    private final Map<Integer, JobRun> runs = new ConcurrentHashMap<>();
    private final Wakeups wakeups = new Wakeups();
    private final ScheduledExecutorService timer;
    private volatile boolean stopping;

    public WorkerPool(String host, Settings settings, JobQueue queue, WorkerRegistry registry,
            List<TrainingMethod> methods, Supplier<Device> device) {
        this.host = host;
        this.settings = settings;
        this.queue = queue;
        this.registry = registry;
        this.methods = new ConcurrentHashMap<>();
        methods.forEach(m -> this.methods.put(m.name(), m));
        this.device = device;
        String instance = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < settings.concurrency(); i++) {
            slotIds.add(host + "/" + instance + "#" + i);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "semrec-worker-heartbeat"));
    }

    /** Registers the slots and starts claiming. */
    public WorkerPool start() {
        if (methods.isEmpty()) {
            LOG.warn("no training methods are installed: this worker will not claim jobs");
        }
        registry.heartbeat(slotStates());
        for (int i = 0; i < slotIds.size(); i++) {
            int slot = i;
            Thread thread = daemon(() -> claimLoop(slot), "semrec-job-slot-" + i);
            slots.add(thread);
            thread.start();
        }
        timer.scheduleWithFixedDelay(() -> guarded("heartbeat", this::heartbeat),
                settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> guarded("reaping expired leases", this::reap),
                0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("worker %s: %d slot(s), methods %s, %d thread(s)", host, slotIds.size(), methods.keySet(),
                settings.threads());
        return this;
    }

    /** A job may be waiting: idle slots try to claim now instead of at their next poll. */
    public void wake() {
        wakeups.wake();
    }

    /** The slots' lease-owner ids, one {@code worker} row each. */
    public List<String> slotIds() {
        return List.copyOf(slotIds);
    }

    /**
     * Stops claiming, asks running trainers to stop and waits up to the shutdown grace for the slots to
     * release (or finish) their jobs; jobs whose trainer does not stop in time are released here.
     */
    public void stop() {
        stopping = true;
        wake();
        runs.values().forEach(run -> run.requestStop(StopReason.SHUTDOWN));
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        for (Thread slot : slots) {
            try {
                slot.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        runs.values().forEach(run -> record(run, () -> {
            LOG.warnf("job %d: trainer did not stop within %s; releasing the job", run.job.id(),
                    settings.shutdownGrace());
            queue.release(run.job);
        }));
        timer.shutdownNow();
        guarded("deregistering", () -> registry.remove(slotIds));
    }

    private void claimLoop(int slot) {
        while (!stopping) {
            int phase = wakeups.phase();
            Optional<ClaimedJob> claimed = Optional.empty();
            try {
                claimed = methods.isEmpty() ? Optional.empty()
                        : queue.claim(slotIds.get(slot), methods.keySet(), settings.lease());
            } catch (RuntimeException e) {
                LOG.warn("could not claim a job; retrying at the next poll", e);
            }
            if (claimed.isPresent()) {
                train(slot, claimed.get());
            } else if (!wakeups.await(phase, settings.poll())) {
                // Not `stopping |= ...`: that reads the flag before the wait and would write back a false
                // over a stop() made during it, leaving the slot claiming after its application has stopped.
                stopping = true;
            }
        }
    }

    private void train(int slot, ClaimedJob job) {
        TrainingMethod method = methods.get(job.method());
        ResolvedParameters params;
        try {
            params = method.spec().resolve(job.params());
        } catch (InvalidParameterException e) {
            guarded("failing job " + job.id(), () -> queue.fail(job, ProgressSnapshot.EMPTY,
                    "params." + e.getMessage()));
            return;
        }
        JobRun run = new JobRun(job, params, new JobProgress(clock), device, settings.threads());
        runs.put(slot, run);
        if (stopping) {
            run.requestStop(StopReason.SHUTDOWN);
        }
        LOG.infof("job %d (%s, catalog %s): attempt %d of %d", job.id(), job.method(), job.catalogSlug(),
                job.attempt(), job.maxAttempts());
        try {
            TrainingOutcome outcome = null;
            Throwable failure = null;
            try {
                outcome = TrainingJob.REFRESH.equals(job.kind()) ? method.refresh(run, job.baseModelId())
                        : method.train(run);
                if (outcome == null) {
                    throw new IllegalStateException(method.name() + " returned no outcome");
                }
            } catch (Throwable e) {
                failure = e;
            }
            end(run, outcome, failure);
        } finally {
            runs.remove(slot);
        }
    }

    private void end(JobRun run, TrainingOutcome outcome, Throwable failure) {
        ClaimedJob job = run.job;
        record(run, () -> {
            StopReason stop = run.stopReason();
            if (stop == StopReason.LOST) {
                LOG.warnf("job %d: another worker took it over; this attempt's result is dropped", job.id());
            } else if (stop == StopReason.CANCELLED) {
                queue.cancel(job, run.progress.drain());
                LOG.infof("job %d: cancelled", job.id());
            } else if (outcome != null) {
                publish(run, outcome);
            } else if (stop == StopReason.SHUTDOWN) {
                queue.release(job);
                LOG.infof("job %d: released for another worker", job.id());
            } else {
                LOG.errorf(failure, "job %d failed", job.id());
                queue.fail(job, run.progress.drain(), describe(failure));
            }
        });
    }

    private void publish(JobRun run, TrainingOutcome outcome) {
        ProgressSnapshot progress = run.progress.drain();
        try {
            long modelId = queue.succeed(run.job, settings.lease(), progress, outcome, settings.activationMetric());
            LOG.infof("job %d: published model %d", run.job.id(), modelId);
        } catch (LostJobException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %d: publishing failed", run.job.id());
            queue.fail(run.job, ProgressSnapshot.EMPTY, "publishing the model failed: " + describe(e));
        }
    }

    /** Runs the job's final write once, under its write lock, unless it already happened. */
    private void record(JobRun run, Runnable write) {
        run.writeLock.lock();
        try {
            if (run.finished()) {
                return;
            }
            run.markFinished();
            write.run();
        } catch (LostJobException e) {
            LOG.warnf("%s; nothing recorded", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %d: could not record its end; its lease will expire and it will be retried",
                    run.job.id());
        } finally {
            run.writeLock.unlock();
        }
    }

    private void heartbeat() {
        for (JobRun run : runs.values()) {
            if (!run.writeLock.tryLock()) {
                continue;  // its final write is under way
            }
            try {
                if (!run.finished()) {
                    switch (queue.heartbeat(run.job, settings.lease(), run.progress.drain())) {
                        case LOST -> run.requestStop(StopReason.LOST);
                        case CANCEL_REQUESTED -> run.requestStop(StopReason.CANCELLED);
                        case HELD -> { }
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "job %d: heartbeat failed; retrying", run.job.id());
            } finally {
                run.writeLock.unlock();
            }
        }
        registry.heartbeat(slotStates());
    }

    private void reap() {
        List<Long> requeued = queue.reapExpired();
        if (!requeued.isEmpty()) {
            LOG.infof("jobs %s: their workers stopped renewing leases; queued again", requeued);
            wake();
        }
        registry.forgetSilent();
    }

    private List<WorkerRegistry.SlotState> slotStates() {
        List<WorkerRegistry.SlotState> states = new ArrayList<>();
        for (int i = 0; i < slotIds.size(); i++) {
            JobRun run = runs.get(i);
            states.add(new WorkerRegistry.SlotState(slotIds.get(i), host, i, run == null ? null : run.job.id()));
        }
        return states;
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s failed", what);
        }
    }

    private static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
