package io.semrec.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged app and training worker (as `mvn package` leaves them) running as separate processes
 * against one PostgreSQL database, the way an operator runs them. Logs go to {@code target/e2e-logs}.
 */
final class RunningSemrec implements AutoCloseable {

    /** Relative to this module, where Maven runs its tests. */
    private static final Path APP_JAR = Path.of("..", "app", "target", "quarkus-app", "quarkus-run.jar");
    private static final Path WORKER_JAR = Path.of("..", "training-worker", "target", "quarkus-app", "quarkus-run.jar");
    private static final Path LOGS = Path.of("target", "e2e-logs");
    private static final Duration STARTUP = Duration.ofMinutes(3);

    final URI baseUri;
    private final Process app;
    private final Process worker;

    private RunningSemrec(URI baseUri, Process app, Process worker) {
        this.baseUri = baseUri;
        this.app = app;
        this.worker = worker;
    }

    /**
     * Starts both against {@code jdbcUrl}; the app with {@code adminKey} as its first API key and
     * {@code adminPassword} for the first admin UI user.
     */
    static RunningSemrec start(String jdbcUrl, String adminKey, String adminPassword) throws IOException,
            InterruptedException {
        for (Path jar : List.of(APP_JAR, WORKER_JAR)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar.toAbsolutePath().normalize() + " is missing: the end-to-end "
                        + "tests run the packaged jars, so run them with `mvn verify` from the repository root");
            }
        }
        Files.createDirectories(LOGS);
        int port = freePort();
        Process app = launch(APP_JAR, "app", Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "QUARKUS_HTTP_PORT", Integer.toString(port), "SEMREC_ADMIN_KEY", adminKey,
                "SEMREC_ADMIN_UI_INITIAL_PASSWORD", adminPassword));
        URI base = URI.create("http://localhost:" + port);
        await("the app to become ready", app, () -> ready(base.resolve("/q/health/ready")));
        // The worker migrates nothing new and has no HTTP port: it is up once it announces its slots.
        Process worker = launch(WORKER_JAR, "worker", Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "QUARKUS_HTTP_PORT", Integer.toString(freePort())));
        await("the worker to start", worker, () -> log("worker").contains("slot(s), methods"));
        return new RunningSemrec(base, app, worker);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : List.of(worker, app)) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Process launch(Path jar, String name, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-jar", jar.toAbsolutePath().normalize().toString())
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void await(String what, Process process, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gave up waiting for " + what + ": the process exited (logs in "
                        + LOGS.toAbsolutePath() + ")");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + STARTUP);
            }
            Thread.sleep(500);
        }
    }

    private static boolean ready(URI health) {
        try {
            HttpURLConnection connection = (HttpURLConnection) health.toURL().openConnection();
            connection.setConnectTimeout(1000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static String log(String name) {
        try {
            return Files.readString(LOGS.resolve(name + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
