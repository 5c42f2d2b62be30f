package io.semrec.worker;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * DJL as the worker runs it: always offline (no downloads, no phoning home), PyTorch limited to the
 * configured threads, and the device chosen once, on first use, so a worker that never trains a DJL
 * model never loads the engine.
 */
@ApplicationScoped
public class DjlRuntime {

    private static final Logger LOG = Logger.getLogger(DjlRuntime.class);

    @Inject
    WorkerConfig config;

    private volatile Device device;

    /** Runs before the engine can load: DJL reads these properties once. */
    void configure(@Observes @Priority(1) StartupEvent event) {
        System.setProperty("ai.djl.offline", "true");
        String threads = Integer.toString(WorkerPool.Settings.of(config).threads());
        System.setProperty("ai.djl.pytorch.num_threads", threads);
        System.setProperty("ai.djl.pytorch.num_interop_threads", threads);
    }

    /** The device trainers use. */
    public Device device() {
        Device chosen = device;
        if (chosen == null) {
            synchronized (this) {
                if (device == null) {
                    device = choose();
                    LOG.infof("training on %s", device);
                }
                chosen = device;
            }
        }
        return chosen;
    }

    private Device choose() {
        return switch (config.device()) {
            case CPU -> Device.cpu();
            case GPU -> Device.gpu();
            case AUTO -> Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }
}
