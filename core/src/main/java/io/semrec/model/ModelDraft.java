package io.semrec.model;

import java.util.Map;

/**
 * What {@link ModelPublisher} needs to know about a new model besides its vectors.
 *
 * @param jobId the training job that produced it, or null (uploaded vectors)
 * @param params how it was made (method parameters), stored as given
 * @param metrics its evaluation results, stored as given
 * @param dataSnapshot what the training run read (stored in {@code model.data_snapshot}), or null
 */
public record ModelDraft(long catalogId, Long jobId, String method, ScoreMetric metric,
        Map<String, Object> params, Map<String, Object> metrics, Map<String, Object> dataSnapshot) {

    public ModelDraft {
        params = Map.copyOf(params);
        metrics = Map.copyOf(metrics);
        dataSnapshot = dataSnapshot == null ? null : Map.copyOf(dataSnapshot);
    }

    /** A model that no training run produced (uploaded vectors): no data snapshot. */
    public ModelDraft(long catalogId, Long jobId, String method, ScoreMetric metric,
            Map<String, Object> params, Map<String, Object> metrics) {
        this(catalogId, jobId, method, metric, params, metrics, null);
    }
}
