package io.semrec.jobs;

import static io.semrec.jobs.TrainingJobResourceTest.jobs;
import static io.semrec.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.semrec.support.Api;
import io.semrec.support.Sql;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The scheduler's tick driven with fixed times (the periodic check is off in tests). */
@QuarkusTest
class RetrainSchedulerTest {

    private static final String NIGHTLY = "0 3 * * *";

    @Inject
    RetrainScheduler scheduler;

    @Inject
    DataSource dataSource;

    @Test
    void enqueuesOneJobPerSlotAndNoneWhileOneIsQueued() {
        String slug = scheduledCatalog(NIGHTLY, Map.of("epochs", 7));
        scheduler.tick(Instant.parse("2030-01-02T03:00:30Z"));
        scheduler.tick(Instant.parse("2030-01-02T03:05:00Z"));
        List<Map<String, Object>> jobs = jobsOf(slug).getList("items");
        assertEquals(1, jobs.size());
        Map<String, Object> job = jobs.get(0);
        assertEquals(Instant.parse("2030-01-02T03:00:00Z"), OffsetDateTime.parse((String) job.get("scheduledFor")).toInstant());
        assertEquals(TestMethods.TOY, job.get("method"));
        assertEquals(Map.of("epochs", 7, "learningRate", 0.001f, "loss", "bce"), job.get("params"));
        assertEquals("if-better", job.get("activate"));
        assertEquals("queued", job.get("status"));

        scheduler.tick(Instant.parse("2030-01-03T03:00:30Z"));
        assertEquals(1, jobsOf(slug).getList("items").size(), "the next slot waits while a scheduled job is queued");

        admin().post(jobs(slug) + "/" + job.get("id") + "/cancel").then().statusCode(200);
        scheduler.tick(Instant.parse("2030-01-03T03:00:30Z"));
        List<String> slots = jobsOf(slug).getList("items.scheduledFor");
        assertEquals(2, slots.size());
        assertEquals(Instant.parse("2030-01-03T03:00:00Z"), OffsetDateTime.parse(slots.get(1)).toInstant());
        admin().delete("/api/v1/catalogs/" + slug).then().statusCode(204);
    }

    @Test
    void slotsMissedByMoreThanTheGraceAreSkipped() {
        String slug = scheduledCatalog(NIGHTLY, Map.of());
        scheduler.tick(Instant.parse("2030-01-02T04:30:00Z"));
        assertEquals(0, jobsOf(slug).getList("items").size());
        scheduler.tick(Instant.parse("2030-01-02T03:59:00Z"));
        assertEquals(1, jobsOf(slug).getList("items").size());
        admin().delete("/api/v1/catalogs/" + slug).then().statusCode(204);
    }

    @Test
    void catalogsWithoutAScheduleAreLeftAlone() {
        String slug = Api.createCatalog("unscheduled");
        admin().contentType(ContentType.JSON).body(Map.of("settings", Map.of("defaultMethod", TestMethods.TOY)))
                .patch("/api/v1/catalogs/" + slug).then().statusCode(200);
        scheduler.tick(Instant.parse("2030-01-02T03:00:30Z"));
        assertEquals(0, jobsOf(slug).getList("items").size());
    }

    @Test
    void theDatabaseKeepsOneQueuedScheduledJobPerCatalog() throws SQLException {
        String slug = Api.createCatalog("one-queued");
        String insert = "INSERT INTO training_job (catalog_id, method, scheduled_for) "
                + "SELECT id, 'test-toy', ?::timestamptz FROM catalog WHERE slug = ?";
        Sql.update(dataSource, insert, "2030-01-02T03:00:00Z", slug);
        SQLException refused = assertThrows(SQLException.class,
                () -> Sql.update(dataSource, insert, "2030-01-03T03:00:00Z", slug));
        assertEquals("23505", refused.getSQLState());
    }

    private static String scheduledCatalog(String schedule, Map<String, Object> params) {
        String slug = Api.uniqueSlug("retrain");
        admin().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Retrained", "settings",
                        Map.of("retrainSchedule", schedule, "defaultMethod", TestMethods.TOY, "defaultParams", params)))
                .post("/api/v1/catalogs").then().statusCode(201);
        return slug;
    }

    private static JsonPath jobsOf(String slug) {
        return admin().get(jobs(slug)).then().statusCode(200).extract().jsonPath();
    }
}
