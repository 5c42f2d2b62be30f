package io.semrec.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL channels from one dedicated connection (outside the pool, which must not
 * lend a connection forever) and hands each payload to a callback. Reconnects after failures and
 * then reports {@code null}, meaning "notifications may have been missed".
 */
public final class PgNotificationListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PgNotificationListener.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final String url;
    private final String user;
    private final String password;
    private final List<String> channels;
    private final Consumer<PGNotification> onNotification;
    private final Runnable onReconnect;
    private final Thread thread;
    private volatile boolean running = true;

    public PgNotificationListener(String url, String user, String password, List<String> channels,
            Consumer<PGNotification> onNotification, Runnable onReconnect) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.channels = List.copyOf(channels);
        this.onNotification = onNotification;
        this.onReconnect = onReconnect;
        this.thread = new Thread(this::run, "pg-listen-" + String.join("-", channels));
        this.thread.setDaemon(true);
    }

    /** Listens with the default datasource's URL and credentials ({@code quarkus.datasource.*}). */
    public static PgNotificationListener onDefaultDatasource(List<String> channels,
            Consumer<PGNotification> onNotification, Runnable onReconnect) {
        Config config = ConfigProvider.getConfig();
        return new PgNotificationListener(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class), channels, onNotification, onReconnect);
    }

    public PgNotificationListener start() {
        thread.start();
        return this;
    }

    private void run() {
        boolean firstConnect = true;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                try (Statement statement = connection.createStatement()) {
                    for (String channel : channels) {
                        statement.execute("LISTEN \"" + channel.replace("\"", "") + "\"");
                    }
                }
                if (!firstConnect) {
                    onReconnect.run();
                }
                firstConnect = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            onNotification.accept(notification);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "listener on " + channels + " lost its connection; retrying", e);
                    firstConnect = false;
                    sleep(RETRY);
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
