package io.semrec.admin.model;

import io.semrec.admin.MethodParameterFields;
import io.semrec.model.ModelView;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.ParameterSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A model as its catalog's model list shows it: validation and test scores side by side, the data
 * it was trained on, and the parameters that differ from the method's defaults.
 *
 * @param snapshot null for models no training run produced (uploaded vectors)
 * @param params "defaults", the changed parameters, or null when the method is not a declared one
 */
public record ModelRow(ModelView model, Scores validation, Scores test, Snapshot snapshot, String params) {

    /** Ranking quality on one split; each value null when not measured. */
    public record Scores(Double ndcg, Double recall, Double mrr) {

        static Scores of(Object split) {
            Map<?, ?> values = split instanceof Map<?, ?> map ? map : Map.of();
            return new Scores(number(values.get("ndcg@10")), number(values.get("recall@10")), number(values.get("mrr")));
        }

        public boolean measured() {
            return ndcg != null;
        }
    }

    /** What the training run read. */
    public record Snapshot(long events, long users, long items, OffsetDateTime takenAt) {

        static Snapshot of(Map<String, Object> snapshot) {
            if (snapshot == null) {
                return null;
            }
            Object taken = snapshot.get("takenAt");
            return new Snapshot(whole(snapshot.get("eventCount")), whole(snapshot.get("userCount")),
                    whole(snapshot.get("itemCount")),
                    taken == null ? null : Instant.parse(taken.toString()).atOffset(ZoneOffset.UTC));
        }
    }

    static ModelRow of(ModelView model, Optional<MethodParameters> method) {
        Map<String, Object> metrics = model.metrics() == null ? Map.of() : model.metrics();
        return new ModelRow(model, Scores.of(metrics.get("validation")), Scores.of(metrics.get("test")),
                Snapshot.of(model.dataSnapshot()), method.map(m -> changedParams(m, model.params())).orElse(null));
    }

    private static String changedParams(MethodParameters method, Map<String, Object> params) {
        Map<String, Object> used = params == null ? Map.of() : params;
        String changed = method.parameters().stream()
                .filter(spec -> used.containsKey(spec.name()) && !same(spec, used.get(spec.name())))
                .map(spec -> spec.name() + " " + MethodParameterFields.text(used.get(spec.name())))
                .collect(Collectors.joining(", "));
        return changed.isEmpty() ? "defaults" : changed;
    }

    private static boolean same(ParameterSpec spec, Object value) {
        return MethodParameterFields.text(spec.defaultValue()).equals(MethodParameterFields.text(value));
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static long whole(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
