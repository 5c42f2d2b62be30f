package io.semrec.admin.training;

import io.semrec.jobs.TrainingJobView.MetricPoint;
import io.semrec.jobs.TrainingJobView.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The curves a job page draws, by epoch: training loss and validation NDCG@10. */
final class JobCurves {

    /** One curve with its points so far; {@code id} names its element on the page. */
    record Curve(String metric, String id, String title, List<MetricPoint> points) {
    }

    private record Drawn(String metric, String title) {
    }

    /** Metric names as the training worker records them ({@code io.semrec.training.TrainingMetrics}). */
    private static final List<Drawn> DRAWN = List.of(
            new Drawn("train.epoch_loss", "Training loss"),
            new Drawn("validation.ndcg@10", "Validation NDCG@10"));

    private JobCurves() {
    }

    /** The curves, each with its points, in drawing order. */
    static List<Curve> of(Metrics metrics) {
        return IntStream.range(0, DRAWN.size()).mapToObj(i -> new Curve(DRAWN.get(i).metric(), "curve-" + i,
                DRAWN.get(i).title(), metrics.series().getOrDefault(DRAWN.get(i).metric(), List.of()))).toList();
    }

    /** The points of the drawn curves only. */
    static Map<String, List<MetricPoint>> points(Metrics metrics) {
        Map<String, List<MetricPoint>> points = new LinkedHashMap<>();
        for (Drawn drawn : DRAWN) {
            points.put(drawn.metric(), metrics.series().getOrDefault(drawn.metric(), List.of()));
        }
        return points;
    }
}
