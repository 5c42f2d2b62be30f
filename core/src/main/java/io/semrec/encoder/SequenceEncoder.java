package io.semrec.encoder;

import java.util.List;

/**
 * Turns a history of item vectors (oldest first) into one query vector in the model's item space,
 * so that the next item is a nearest-neighbour search away.
 */
public interface SequenceEncoder {

    /**
     * @param history item vectors of the history, oldest first; all of the model's dimension
     * @return the query vector (a new array), of the model's dimension
     * @throws IllegalArgumentException if the history is empty or widths differ
     */
    float[] encode(List<float[]> history);

    /**
     * Encodes a history known both by the model's item ids and by their vectors (same order, oldest
     * first). Encoders that read items' stored text rather than their vectors ({@link RecformerEncoder})
     * use the ids; the others the vectors.
     *
     * @param itemIds the catalog's internal item ids, as the model's vectors are published under
     */
    default float[] encode(long[] itemIds, List<float[]> history) {
        return encode(history);
    }

    /**
     * Whether one encode takes well under a millisecond, so serving may run it on an I/O thread. Encoders
     * that run a text model per request are not, and serving encodes for them on a worker thread.
     */
    default boolean isLightweight() {
        return true;
    }
}
