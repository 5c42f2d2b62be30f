package io.semrec.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.semrec.queue.ProgressSnapshot;
import io.semrec.queue.ProgressSnapshot.MetricPoint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobProgressTest {

    private final JobProgress progress = new JobProgress(Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyEpochOfASeriesReachesTheHeartbeatEvenWhenEpochsAreFasterThanIt() {
        for (int epoch = 0; epoch < 4; epoch++) {
            progress.metric("validation.ndcg@10", epoch, 0.01 * epoch);
            progress.metric("train.epoch_loss", epoch, 7 - epoch);
        }
        List<MetricPoint> points = progress.drain().metrics();
        assertEquals(List.of(
                new MetricPoint("validation.ndcg@10", 0, 0.0), new MetricPoint("validation.ndcg@10", 1, 0.01),
                new MetricPoint("validation.ndcg@10", 2, 0.02), new MetricPoint("validation.ndcg@10", 3, 0.03),
                new MetricPoint("train.epoch_loss", 0, 7), new MetricPoint("train.epoch_loss", 1, 6),
                new MetricPoint("train.epoch_loss", 2, 5), new MetricPoint("train.epoch_loss", 3, 4)), points);
    }

    @Test
    void aPerStepSeriesKeepsItsLatestStepsAndAStepReportedAgainItsLastValue() {
        int steps = JobProgress.POINTS_PER_SERIES + 10;
        for (int step = 1; step <= steps; step++) {
            progress.metric("train.loss", step, step);
        }
        progress.metric("train.loss", steps, -1);
        List<MetricPoint> points = progress.drain().metrics();
        List<Integer> expectedSteps = IntStream.rangeClosed(steps - JobProgress.POINTS_PER_SERIES + 1, steps).boxed()
                .toList();
        assertEquals(expectedSteps, points.stream().map(MetricPoint::step).toList());
        assertEquals(-1, points.get(points.size() - 1).value());
    }

    @Test
    void drainingEmptiesThePendingPoints() {
        progress.metric("train.loss", 1, 0.5);
        assertEquals(1, progress.drain().metrics().size());
        assertSame(ProgressSnapshot.EMPTY, progress.drain());
    }
}
