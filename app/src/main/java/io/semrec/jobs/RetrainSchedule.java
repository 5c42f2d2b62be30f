package io.semrec.jobs;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** A catalog's retrain schedule: a five-field Unix cron expression, in UTC. */
public final class RetrainSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime times;

    private RetrainSchedule(ExecutionTime times) {
        this.times = times;
    }

    /** @throws IllegalArgumentException saying what is wrong with the expression */
    public static RetrainSchedule parse(String expression) {
        return new RetrainSchedule(ExecutionTime.forCron(PARSER.parse(expression).validate()));
    }

    /** The latest time the schedule fires at or before {@code now}. */
    public Optional<Instant> latestSlot(Instant now) {
        // lastExecution is strictly before its argument: ask from the next minute so a slot at now counts.
        ZonedDateTime nextMinute = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        return times.lastExecution(nextMinute).map(ZonedDateTime::toInstant);
    }
}
