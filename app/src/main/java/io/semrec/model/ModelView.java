package io.semrec.model;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A model as the API shows it; {@code active} tells whether its catalog serves from it now,
 * {@code dataSnapshot} what its training run read (null for uploaded vectors).
 */
public record ModelView(
        long id,
        String method,
        int dim,
        String metric,
        int itemCount,
        Long jobId,
        OffsetDateTime createdAt,
        boolean active,
        Map<String, Object> params,
        Map<String, Object> metrics,
        Map<String, Object> dataSnapshot) {

    static ModelView of(Model model, Long activeModelId) {
        return new ModelView(model.id, model.method, model.dim, model.metric, model.itemCount, model.jobId,
                model.createdAt, model.id.equals(activeModelId), model.params, model.metrics, model.dataSnapshot);
    }
}
