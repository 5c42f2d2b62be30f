package io.semrec.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of PostgreSQL that counts round trips: a client that sends after its last answer
 * arrived starts one, and whatever else it sends before the next answer arrives rides along (pipelined).
 * Answers are held back by {@code answerDelayMillis}, so a client that really waits for an answer before
 * sending more always shows up as a new round trip, however fast the database is.
 */
public final class RoundTripRelay implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final long answerDelayMillis;
    private final AtomicInteger roundTrips = new AtomicInteger();

    public RoundTripRelay(String targetHost, int targetPort, long answerDelayMillis) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.answerDelayMillis = answerDelayMillis;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("relay-accept", this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Round trips since the last call (all connections together). */
    public int takeRoundTrips() {
        return roundTrips.getAndSet(0);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket database = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                database.setTcpNoDelay(true);
                AtomicBoolean awaitingAnswer = new AtomicBoolean();
                daemon("relay-requests", () -> pump(client, database, awaitingAnswer, true));
                daemon("relay-answers", () -> pump(database, client, awaitingAnswer, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean awaitingAnswer, boolean requests) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (requests) {
                    if (awaitingAnswer.compareAndSet(false, true)) {
                        roundTrips.incrementAndGet();
                    }
                    out.write(buffer, 0, read);
                } else {
                    Thread.sleep(answerDelayMillis);
                    // Before the client can see the answer: it may send its next request at once.
                    awaitingAnswer.set(false);
                    out.write(buffer, 0, read);
                }
                out.flush();
            }
        } catch (IOException e) {
            // A side closed its connection: close the other one too (the try block did).
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
