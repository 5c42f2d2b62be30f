package io.semrec.worker;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.semrec.db.PgNotificationListener;
import io.semrec.queue.JobQueue;
import io.semrec.training.TrainingMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The worker process: on start it registers its slots and runs them; NOTIFY on a new job wakes them. */
@ApplicationScoped
public class TrainingWorker {

    @Inject
    WorkerConfig config;

    @Inject
    JobQueue queue;

    @Inject
    WorkerRegistry registry;

    @Inject
    DjlRuntime djl;

    @Inject
    @Any
    Instance<TrainingMethod> methods;

    private WorkerPool pool;
    private PgNotificationListener listener;

    void start(@Observes StartupEvent event) {
        pool = new WorkerPool(hostName(), WorkerPool.Settings.of(config), queue, registry,
                methods.stream().toList(), djl::device).start();
        listener = PgNotificationListener.onDefaultDatasource(List.of(JobQueue.CHANNEL),
                notification -> pool.wake(), pool::wake).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.close();
        }
        if (pool != null) {
            pool.stop();
        }
    }

    /** This process's slot ids, as its {@code worker} rows and job leases show them. */
    public List<String> slotIds() {
        return pool.slotIds();
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
