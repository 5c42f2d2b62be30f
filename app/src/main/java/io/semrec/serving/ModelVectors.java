package io.semrec.serving;

import io.semrec.encoder.SequenceEncoder;
import io.semrec.model.ScoreMetric;
import java.util.Arrays;
import java.util.Map;

/**
 * A model's item vectors held in memory, so serving can encode a history without asking the
 * database: external item id to internal id and vector. Models are immutable, so this never goes stale.
 */
final class ModelVectors {

    /** Returned by {@link #indexOf} for an item the model has no vector for. */
    static final int ABSENT = -1;

    final long modelId;
    final long catalogId;
    final int dim;
    final ScoreMetric metric;
    final SequenceEncoder encoder;
    /** Whether known users' query vectors of this model are precomputed ({@code UserVectors.precomputed}). */
    final boolean precomputedUsers;
    private final Map<String, Integer> indexByExternalId;
    private final long[] itemIds;
    private final float[] vectors;

    /** @param vectors row-major, {@code itemIds.length * dim} values */
    ModelVectors(long modelId, long catalogId, int dim, ScoreMetric metric, SequenceEncoder encoder,
            boolean precomputedUsers, Map<String, Integer> indexByExternalId, long[] itemIds, float[] vectors) {
        this.modelId = modelId;
        this.catalogId = catalogId;
        this.dim = dim;
        this.metric = metric;
        this.encoder = encoder;
        this.precomputedUsers = precomputedUsers;
        this.indexByExternalId = indexByExternalId;
        this.itemIds = itemIds;
        this.vectors = vectors;
    }

    int indexOf(String externalId) {
        return indexByExternalId.getOrDefault(externalId, ABSENT);
    }

    long itemId(int index) {
        return itemIds[index];
    }

    float[] vector(int index) {
        return Arrays.copyOfRange(vectors, index * dim, (index + 1) * dim);
    }

    /** Rough heap footprint, for the cache's bound. */
    long sizeBytes() {
        // vector floats + internal ids + per entry: map node, boxed index, id string (~100 bytes together)
        return (long) vectors.length * Float.BYTES + (long) itemIds.length * (Long.BYTES + 100);
    }
}
