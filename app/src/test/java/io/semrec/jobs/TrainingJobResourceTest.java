package io.semrec.jobs;

import static io.semrec.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.semrec.api.Problem;
import io.semrec.support.Api;
import io.semrec.support.Fixtures;
import io.semrec.support.Sql;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TrainingJobResourceTest {

    @Inject
    DataSource dataSource;

    @Test
    void createGetListAndCancelAQueuedJob() {
        String slug = Api.createCatalog("jobs");
        int id = admin().contentType(ContentType.JSON)
                .body(Map.of("method", TestMethods.TOY, "params", Map.of("epochs", 5), "activate", "if-better"))
                .post(jobs(slug))
                .then().statusCode(201)
                .header("Location", containsString(jobs(slug) + "/"))
                .body("catalog", equalTo(slug))
                .body("status", equalTo("queued"))
                .body("params.epochs", equalTo(5))
                .body("params.learningRate", equalTo(0.001f))
                .body("params.loss", equalTo("bce"))
                .body("activate", equalTo("if-better"))
                .body("attempts", equalTo(0))
                .body("maxAttempts", equalTo(3))
                .body("progress", nullValue())
                .extract().path("id");

        admin().get(jobs(slug) + "/" + id).then().statusCode(200)
                .body("method", equalTo(TestMethods.TOY))
                .body("metrics", equalTo(Map.of()));
        admin().get(jobs(slug)).then().statusCode(200).body("items.id", hasItem(id));
        admin().queryParam("status", "queued").get(jobs(slug)).then().statusCode(200).body("items.id", hasItem(id));
        admin().queryParam("status", "running").get(jobs(slug)).then().statusCode(200).body("items", empty());

        admin().post(jobs(slug) + "/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("cancelRequested", equalTo(true))
                .body("finishedAt", notNullValue());
        admin().post(jobs(slug) + "/" + id + "/cancel").then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("already cancelled"));
    }

    @Test
    void aRunningJobShowsProgressAndMetricsAndIsCancelledByItsWorker() throws SQLException {
        String slug = Api.createCatalog("jobs-run");
        int id = create(slug, Map.of());
        // What a worker writes when it claims the job and reports (see the worker's JobQueue).
        Sql.update(dataSource, "UPDATE training_job SET status = 'running', attempts = 1, lease_owner = 'host/abc#0', "
                + "started_at = now() - interval '10 seconds', progress = jsonb_build_object('phase', 'train', "
                + "'step', 25, 'total', 100, 'etaSeconds', 30, 'updatedAt', "
                + "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) WHERE id = ?", id);
        for (int step = 1; step <= 3; step++) {
            Sql.update(dataSource, "INSERT INTO job_metric (catalog_id, job_id, name, step, value) "
                    + "SELECT catalog_id, id, 'loss', " + step + ", " + (1.0 / step) + " FROM training_job WHERE id = ?", id);
        }

        admin().get(jobs(slug) + "/" + id).then().statusCode(200)
                .body("status", equalTo("running"))
                .body("worker", equalTo("host/abc#0"))
                .body("progress.phase", equalTo("train"))
                .body("progress.step", equalTo(25))
                .body("progress.total", equalTo(100))
                .body("progress.elapsedSeconds", greaterThan(9f))
                .body("progress.etaSeconds", lessThanOrEqualTo(30f))
                .body("metrics.loss", equalTo(1f / 3));
        admin().get(jobs(slug) + "/" + id + "/metrics").then().statusCode(200)
                .body("series.loss.step", equalTo(List.of(1, 2, 3)));

        admin().post(jobs(slug) + "/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("running"))
                .body("cancelRequested", equalTo(true));
    }

    @Test
    void invalidRequestsNameTheField() {
        String slug = Api.createCatalog("jobs-bad");
        rejected(slug, Map.of("method", "no-such-method"), "method", "unknown method 'no-such-method'");
        rejected(slug, Map.of("method", TestMethods.TOY, "params", Map.of("epochs", "many")), "params.epochs",
                "must be an integer");
        rejected(slug, Map.of("method", TestMethods.TOY, "params", Map.of("epochs", 1000)), "params.epochs",
                "must be between 1 and 100");
        rejected(slug, Map.of("method", TestMethods.TOY, "params", Map.of("loss", "mse")), "params.loss",
                "must be one of bce, ce");
        rejected(slug, Map.of("method", TestMethods.TOY, "params", Map.of("layers", 2)), "params.layers",
                "is not a parameter");
        admin().contentType(ContentType.JSON).body(Map.of("method", TestMethods.TOY, "activate", "sometimes"))
                .post(jobs(slug)).then().statusCode(400).body("violations.field", hasItem("activate"));
        admin().contentType(ContentType.JSON).body(Map.of("params", Map.of()))
                .post(jobs(slug)).then().statusCode(400).body("violations.field", hasItem("method"));
        admin().queryParam("status", "done").get(jobs(slug)).then().statusCode(400).body("field", equalTo("status"));
        admin().get(jobs(slug) + "/0").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aRefreshJobExtendsAModelOfItsCatalogWithTheModelsParameters() {
        String slug = Api.createCatalog("jobs-refresh");
        long base = publishedModel(slug, TestMethods.REFRESHABLE, "{\"dim\": 12}");
        admin().contentType(ContentType.JSON)
                .body(Map.of("method", TestMethods.REFRESHABLE, "kind", "refresh", "baseModel", base))
                .post(jobs(slug)).then().statusCode(201)
                .body("kind", equalTo("refresh"))
                .body("baseModel", equalTo((int) base))
                .body("params.dim", equalTo(12));
        admin().contentType(ContentType.JSON).body(Map.of("method", TestMethods.REFRESHABLE))
                .post(jobs(slug)).then().statusCode(201)
                .body("kind", equalTo("train"))
                .body("baseModel", nullValue());
    }

    @Test
    void invalidRefreshRequestsNameTheField() {
        String slug = Api.createCatalog("jobs-refresh-bad");
        long base = publishedModel(slug, TestMethods.REFRESHABLE, "{}");
        long toy = publishedModel(slug, TestMethods.TOY, "{}");
        long elsewhere = publishedModel(Api.createCatalog("jobs-refresh-other"), TestMethods.REFRESHABLE, "{}");
        rejected(slug, Map.of("method", TestMethods.TOY, "kind", "refresh", "baseModel", toy), "kind",
                "cannot be refreshed");
        rejected(slug, Map.of("method", TestMethods.REFRESHABLE, "kind", "refresh"), "baseModel", "is required");
        rejected(slug, Map.of("method", TestMethods.REFRESHABLE, "kind", "refresh", "baseModel", elsewhere),
                "baseModel", "no model " + elsewhere);
        rejected(slug, Map.of("method", TestMethods.REFRESHABLE, "kind", "refresh", "baseModel", base,
                "params", Map.of("dim", 4)), "params", "base model's parameters");
        rejected(slug, Map.of("method", TestMethods.REFRESHABLE, "baseModel", base), "baseModel",
                "only a refresh job");
        admin().contentType(ContentType.JSON).body(Map.of("method", TestMethods.REFRESHABLE, "kind", "later"))
                .post(jobs(slug)).then().statusCode(400).body("violations.field", hasItem("kind"));
        long mismatched = publishedModel(slug, "sasrec", "{}");
        rejected(slug, Map.of("method", TestMethods.REFRESHABLE, "kind", "refresh", "baseModel", mismatched),
                "baseModel", "was trained with sasrec");
    }

    @Test
    void aJobIsOnlyVisibleInItsOwnCatalog() {
        String slug = Api.createCatalog("jobs-own");
        String other = Api.createCatalog("jobs-other");
        int id = create(slug, Map.of());
        admin().get(jobs(other) + "/" + id).then().statusCode(404);
        admin().post(jobs(other) + "/" + id + "/cancel").then().statusCode(404);
        admin().get(jobs(other)).then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void readersListAndAdminsChange() {
        String slug = Api.createCatalog("jobs-roles");
        int id = create(slug, Map.of());
        String reader = Api.createKey("read", slug);
        Api.as(reader).get(jobs(slug)).then().statusCode(200).body("items.id", hasItem(id));
        Api.as(reader).get(jobs(slug) + "/" + id).then().statusCode(200);
        Api.as(reader).get("/api/v1/methods").then().statusCode(200);
        Api.as(reader).contentType(ContentType.JSON).body(Map.of("method", TestMethods.TOY))
                .post(jobs(slug)).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        Api.as(reader).post(jobs(slug) + "/" + id + "/cancel").then().statusCode(403);
        Api.as(Api.createKey("admin", Api.createCatalog("jobs-elsewhere"))).get(jobs(slug)).then().statusCode(403);
        RestAssured.given().get(jobs(slug)).then().statusCode(401);
    }

    @Test
    void methodsListTheirParameters() {
        admin().get("/api/v1/methods").then().statusCode(200)
                .body("items.find { it.name == 'test-toy' }.description", equalTo("a method for API tests"))
                .body("items.find { it.name == 'test-toy' }.parameters.name", equalTo(List.of("epochs", "learningRate", "loss")))
                .body("items.find { it.name == 'test-toy' }.parameters[0].type", equalTo("integer"))
                .body("items.find { it.name == 'test-toy' }.parameters[0].default", equalTo(10))
                .body("items.find { it.name == 'test-toy' }.parameters[0].min", equalTo(1))
                .body("items.find { it.name == 'test-toy' }.parameters[0].max", equalTo(100))
                .body("items.find { it.name == 'test-toy' }.parameters[0].help", equalTo("passes over the data"))
                .body("items.find { it.name == 'test-toy' }.parameters[1].type", equalTo("number"))
                .body("items.find { it.name == 'test-toy' }.parameters[2].allowed", equalTo(List.of("bce", "ce")))
                .body("items.find { it.name == 'test-toy' }.refreshable", equalTo(false))
                .body("items.find { it.name == 'test-refreshable' }.refreshable", equalTo(true));
    }

    /** A model row as a training job would publish it (no vectors: jobs only read its row here). */
    private static long publishedModel(String slug, String method, String paramsJson) {
        return ((Number) Fixtures.scalar("INSERT INTO model (catalog_id, method, dim, metric, item_count, params) "
                + "VALUES (?, ?, 4, 'dot', 0, ?::jsonb) RETURNING id", Fixtures.catalogId(slug), method, paramsJson))
                .longValue();
    }

    static String jobs(String slug) {
        return "/api/v1/catalogs/" + slug + "/training-jobs";
    }

    static int create(String slug, Map<String, Object> params) {
        return admin().contentType(ContentType.JSON).body(Map.of("method", TestMethods.TOY, "params", params))
                .post(jobs(slug)).then().statusCode(201).extract().path("id");
    }

    private static void rejected(String slug, Map<String, Object> body, String field, String detail) {
        admin().contentType(ContentType.JSON).body(body).post(jobs(slug))
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo(field))
                .body("detail", containsString(detail));
    }
}
