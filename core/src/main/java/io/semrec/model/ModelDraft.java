package io.semrec.model;

import java.util.Map;

/**
 * What {@link ModelPublisher} needs to know about a new model besides its vectors.
 *
 * @param jobId the training job that produced it, or null (uploaded vectors)
 * @param params how it was made (method parameters), stored as given
 * @param metrics its evaluation results, stored as given
 */
public record ModelDraft(long catalogId, Long jobId, String method, ScoreMetric metric,
        Map<String, Object> params, Map<String, Object> metrics) {

    public ModelDraft {
        params = Map.copyOf(params);
        metrics = Map.copyOf(metrics);
    }
}
