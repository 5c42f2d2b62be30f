package io.semrec.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The training worker's settings ({@code semrec.worker.*}). */
@ConfigMapping(prefix = "semrec.worker")
public interface WorkerConfig {

    /** Jobs this process trains at once, each in its own slot. */
    @WithDefault("1")
    int concurrency();

    /** Threads for PyTorch and for trainers' own parallel work; 0 means one per core. */
    @WithDefault("0")
    int threads();

    /** Where DJL trains: auto (the GPU when DJL sees one, else the CPU), cpu or gpu. */
    @WithDefault("auto")
    DeviceChoice device();

    /** How long a claimed job stays this worker's without a heartbeat before another may retry it. */
    @WithDefault("30s")
    Duration lease();

    /** How often leases are renewed, cancellation is checked and progress is written. */
    @WithDefault("2s")
    Duration heartbeat();

    /** How often the queue is polled besides LISTEN/NOTIFY, and expired leases are reclaimed. */
    @WithDefault("10s")
    Duration poll();

    /** How long shutdown waits for running trainers to stop and hand their jobs back. */
    @WithDefault("30s")
    Duration shutdownGrace();

    /** The model metric (higher is better) that {@code "activate": "if-better"} compares. */
    @WithDefault("ndcg@10")
    String activationMetric();

    /** {@code maintenance_work_mem} while a published model's HNSW index is built; more memory builds faster. */
    @WithDefault("512MB")
    String indexBuildMemory();

    /** Choices for {@link #device()}. */
    enum DeviceChoice {
        AUTO,
        CPU,
        GPU
    }
}
