package io.semrec.catalog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.semrec.db.PgNotificationListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Evicts cached catalogs when the {@code catalog_changed} trigger fires (activation, settings, delete). */
@ApplicationScoped
public class CatalogChangeListener {

    @Inject
    CatalogDirectory directory;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private PgNotificationListener listener;

    void start(@Observes StartupEvent event) {
        listener = new PgNotificationListener(url, user, password, List.of("catalog_changed"),
                notification -> directory.evict(notification.getParameter()),
                directory::evictAll).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.close();
        }
    }
}
