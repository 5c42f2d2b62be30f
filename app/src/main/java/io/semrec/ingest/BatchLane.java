package io.semrec.ingest;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One ordered stream of batches of an import: while one batch is being written, the next one
 * fills, and it is sent only after the first has committed. Every line of one identity goes
 * through the same lane, so repeated lines still apply in file order.
 */
final class BatchLane {

    /** A batch the database has finished with: how many rows it held and what became of them. */
    record Written(int rows, BatchResult result) {
    }

    private CopyRows filling = new CopyRows();
    private CopyRows writing = new CopyRows();
    // Identities in the filling batch: one upsert cannot touch the same row twice.
    private final Set<String> identities = new HashSet<>();
    private Future<BatchResult> inFlight;

    CopyRows rows() {
        return filling;
    }

    /** False if the filling batch already holds this identity: send it first. */
    boolean claim(String identity) {
        return identities.add(identity);
    }

    boolean isSendable() {
        return !filling.isEmpty();
    }

    /** Waits for the batch in flight; null if there is none. */
    Written awaitWritten() throws ExecutionException, InterruptedException {
        if (inFlight == null) {
            return null;
        }
        try {
            return new Written(writing.rows(), inFlight.get());
        } finally {
            inFlight = null;
            writing.clear();
        }
    }

    /** Starts writing the filling batch (none may be in flight) and starts filling the other buffer. */
    void send(Function<CopyRows, Future<BatchResult>> write) {
        CopyRows batch = filling;
        filling = writing;
        writing = batch;
        identities.clear();
        inFlight = write.apply(batch);
    }

    /** After a failure: lets the batch in flight finish, so nothing writes once the request has ended. */
    void drain() {
        try {
            awaitWritten();
        } catch (ExecutionException e) {
            // The failure that ends the import is reported by the caller.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
