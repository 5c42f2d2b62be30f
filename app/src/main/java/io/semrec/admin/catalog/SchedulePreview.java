package io.semrec.admin.catalog;

import io.semrec.jobs.RetrainSchedule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What a typed retrain schedule means, shown under its field: off, its next runs in words and
 * times, or why the schedule's parser refuses it (the same parser that checks a saved schedule).
 *
 * @param problem why the expression is not a schedule; null when it is one or is blank
 */
public record SchedulePreview(boolean off, String description, List<OffsetDateTime> nextRuns, String problem) {

    /** How many coming runs the preview lists. */
    static final int RUNS = 3;

    static SchedulePreview of(String expression, Instant now) {
        if (expression == null || expression.isBlank()) {
            return new SchedulePreview(true, null, List.of(), null);
        }
        try {
            RetrainSchedule schedule = RetrainSchedule.parse(expression.strip());
            return new SchedulePreview(false, schedule.description(),
                    schedule.nextRuns(now, RUNS).stream().map(run -> run.atOffset(ZoneOffset.UTC)).toList(), null);
        } catch (IllegalArgumentException e) {
            return new SchedulePreview(false, null, List.of(), e.getMessage());
        }
    }
}
