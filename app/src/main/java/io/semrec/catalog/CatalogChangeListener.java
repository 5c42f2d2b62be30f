package io.semrec.catalog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.semrec.db.PgNotificationListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/** Evicts cached catalogs when the {@code catalog_changed} trigger fires (activation, settings, delete). */
@ApplicationScoped
public class CatalogChangeListener {

    @Inject
    CatalogDirectory directory;

    private PgNotificationListener listener;

    void start(@Observes StartupEvent event) {
        listener = PgNotificationListener.onDefaultDatasource(List.of("catalog_changed"),
                notification -> directory.evict(notification.getParameter()),
                directory::evictAll).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.close();
        }
    }
}
