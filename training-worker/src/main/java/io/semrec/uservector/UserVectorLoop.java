package io.semrec.uservector;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.semrec.db.PgNotificationListener;
import io.semrec.worker.Wakeups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs {@link UserVectorMaintainer} over the catalogs in rounds: woken by an activation (the catalog
 * trigger's {@code catalog_changed}) or by events of a catalog with precomputed vectors
 * ({@code user_events}), and every {@link UserVectorConfig#poll()} in case a notification was missed.
 */
@ApplicationScoped
public class UserVectorLoop {

    /** The channel {@code event_marks_user_vectors} notifies with a catalog id. */
    static final String USER_EVENTS = "user_events";
    private static final String CATALOG_CHANGED = "catalog_changed";
    private static final Logger LOG = Logger.getLogger(UserVectorLoop.class);

    private final UserVectorMaintainer maintainer;
    private final UserVectorConfig config;
    private final Wakeups wakeups = new Wakeups();
    private volatile boolean running;
    private Thread thread;
    private PgNotificationListener listener;

    UserVectorLoop(UserVectorMaintainer maintainer, UserVectorConfig config) {
        this.maintainer = maintainer;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "semrec-user-vectors");
        thread.setDaemon(true);
        thread.start();
        listener = PgNotificationListener.onDefaultDatasource(List.of(USER_EVENTS, CATALOG_CHANGED),
                notification -> wakeups.wake(), wakeups::wake).start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        while (running) {
            int phase = wakeups.phase();
            boolean more = false;
            try {
                for (long catalogId : maintainer.catalogs()) {
                    more |= maintain(catalogId);
                }
            } catch (RuntimeException e) {
                LOG.warn("listing catalogs with user vectors failed; retrying at the next poll", e);
            }
            if (!more && !wakeups.await(phase, config.poll())) {
                running = false;
            }
        }
    }

    /** One round on one catalog; a failing catalog is retried at the next poll without holding up the others. */
    private boolean maintain(long catalogId) {
        try {
            UserVectorMaintainer.Round round = maintainer.maintain(catalogId, config.batchesPerRound());
            if (round.encoded() > 0) {
                LOG.debugf("catalog %d: %d user vector(s) computed, %d current", catalogId, round.encoded(),
                        round.unchanged());
            }
            return round.more();
        } catch (RuntimeException e) {
            LOG.warnf(e, "catalog %d: maintaining user vectors failed; retrying at the next poll", catalogId);
            return false;
        }
    }
}
