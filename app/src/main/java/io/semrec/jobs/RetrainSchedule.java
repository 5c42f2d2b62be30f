package io.semrec.jobs;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A catalog's retrain schedule: a five-field Unix cron expression, in UTC. */
public final class RetrainSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private static final CronDescriptor DESCRIPTOR = CronDescriptor.instance(Locale.ENGLISH);

    private final Cron cron;
    private final ExecutionTime times;

    private RetrainSchedule(Cron cron) {
        this.cron = cron;
        this.times = ExecutionTime.forCron(cron);
    }

    /** @throws IllegalArgumentException saying what is wrong with the expression */
    public static RetrainSchedule parse(String expression) {
        return new RetrainSchedule(PARSER.parse(expression).validate());
    }

    /** The schedule in English words, such as "at 03:00". */
    public String description() {
        return DESCRIPTOR.describe(cron);
    }

    /** The next {@code count} times the schedule fires after {@code now}, earliest first. */
    public List<Instant> nextRuns(Instant now, int count) {
        List<Instant> runs = new ArrayList<>(count);
        ZonedDateTime after = now.atZone(ZoneOffset.UTC);
        while (runs.size() < count) {
            Optional<ZonedDateTime> next = times.nextExecution(after);
            if (next.isEmpty()) {
                break;
            }
            after = next.get();
            runs.add(after.toInstant());
        }
        return runs;
    }

    /** The latest time the schedule fires at or before {@code now}. */
    public Optional<Instant> latestSlot(Instant now) {
        // lastExecution is strictly before its argument: ask from the next minute so a slot at now counts.
        ZonedDateTime nextMinute = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        return times.lastExecution(nextMinute).map(ZonedDateTime::toInstant);
    }
}
