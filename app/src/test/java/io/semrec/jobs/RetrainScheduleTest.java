package io.semrec.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrainScheduleTest {

    @Test
    void latestSlotIsTheLastFiringAtOrBeforeNow() {
        RetrainSchedule nightly = RetrainSchedule.parse("0 3 * * *");
        assertEquals(Instant.parse("2030-01-02T03:00:00Z"), nightly.latestSlot(Instant.parse("2030-01-02T03:00:00Z")).get());
        assertEquals(Instant.parse("2030-01-02T03:00:00Z"), nightly.latestSlot(Instant.parse("2030-01-02T03:00:59Z")).get());
        assertEquals(Instant.parse("2030-01-02T03:00:00Z"), nightly.latestSlot(Instant.parse("2030-01-02T17:30:00Z")).get());
        assertEquals(Instant.parse("2030-01-01T03:00:00Z"), nightly.latestSlot(Instant.parse("2030-01-02T02:59:59Z")).get());
    }

    @Test
    void stepsAndWeekdaysWork() {
        assertEquals(Instant.parse("2030-01-06T02:30:00Z"),
                RetrainSchedule.parse("30 2 * * 0").latestSlot(Instant.parse("2030-01-08T05:00:00Z")).get());
        assertEquals(Instant.parse("2030-01-02T04:45:00Z"),
                RetrainSchedule.parse("*/15 * * * *").latestSlot(Instant.parse("2030-01-02T04:59:00Z")).get());
    }

    @Test
    void rejectsWhatIsNotAFiveFieldExpression() {
        assertThrows(IllegalArgumentException.class, () -> RetrainSchedule.parse("nightly"));
        assertThrows(IllegalArgumentException.class, () -> RetrainSchedule.parse("@daily"));
        assertThrows(IllegalArgumentException.class, () -> RetrainSchedule.parse("0 0 3 * * ?"));
        assertThrows(IllegalArgumentException.class, () -> RetrainSchedule.parse("61 * * * *"));
    }

    @Test
    void nextRunsListsTheComingFiringsInWords() {
        RetrainSchedule weekdays = RetrainSchedule.parse("30 2 * * 1-5");
        // 2030-01-04 is a Friday: the next runs skip the weekend.
        assertEquals(List.of(Instant.parse("2030-01-07T02:30:00Z"), Instant.parse("2030-01-08T02:30:00Z")),
                weekdays.nextRuns(Instant.parse("2030-01-04T02:30:00Z"), 2));
        assertEquals(3, RetrainSchedule.parse("0 3 * * *").nextRuns(Instant.parse("2030-01-02T03:00:00Z"), 3).size());
        String words = RetrainSchedule.parse("0 3 * * *").description();
        assertTrue(words.contains("3"), words);
    }
}
