package io.semrec.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.semrec.jobs.TestMethods;
import io.semrec.support.Api;
import io.semrec.support.Browser;
import io.semrec.support.BrowserSession;
import io.semrec.support.Fixtures;
import io.semrec.support.WorkerWrites;
import io.semrec.training.spec.SasrecParameters;
import io.semrec.training.spec.TextKnnParameters;
import java.io.IOException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The training, model and worker pages in real headless Chromium, as an operator uses them. */
@QuarkusTest
class TrainingPagesBrowserTest {

    private static WebDriver driver;

    @TestHTTPResource("/")
    URL root;

    private BrowserSession browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Browser.installed(), "needs the Debian packages chromium and chromium-driver");
        driver = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void signIn() {
        browser = new BrowserSession(driver, root);
        browser.signIn();
    }

    @Test
    void operatorStartsAJobThroughTheFormGeneratedFromTheMethod() throws IOException {
        String slug = catalog("office", "Office products");
        browser.followLink("Training");
        browser.followLink("Train a model");
        browser.choose("catalog", slug);

        // Changing the method swaps in its fields, defaults filled in, and keeps the catalog.
        browser.choose("method", TestMethods.TOY);
        Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("f-param.epochs")));
        assertEquals("10", browser.value("param.epochs"));
        assertEquals("0.001", browser.value("param.learningRate"));
        assertEquals("bce", browser.value("param.loss"));
        assertTrue(browser.text("#f-param\\.epochs-hint").contains("passes over the data. Default 10; 1 to 100."));
        assertEquals(slug, browser.value("catalog"));

        // A refused form keeps everything typed and says what is wrong next to each field.
        browser.type("param.epochs", "500");
        browser.type("param.learningRate", "2");
        browser.choose("param.loss", "ce");
        browser.choose("activate", "if-better");
        browser.submit("Queue the job");
        assertTrue(browser.text(".error-summary").contains("The form has errors"));
        assertEquals("must be between 1 and 100", browser.fieldError("param.epochs"));
        assertTrue(browser.fieldError("param.learningRate").startsWith("must be between"));
        assertEquals("500", browser.value("param.epochs"));
        assertEquals("2", browser.value("param.learningRate"));
        assertEquals("ce", browser.value("param.loss"));
        assertEquals(slug, browser.value("catalog"));
        assertEquals(TestMethods.TOY, browser.value("method"));
        assertEquals("if-better", browser.value("activate"));

        browser.type("param.epochs", "5");
        browser.type("param.learningRate", "0.01");
        browser.submit("Queue the job");
        assertEquals("Training job queued; the next free worker starts it.", browser.text(".notice"));
        long id = Long.parseLong(browser.text("h1").replaceAll("^Job (\\d+).*", "$1"));
        Api.admin().get("/api/v1/catalogs/" + slug + "/training-jobs/" + id).then().statusCode(200)
                .body("status", equalTo("queued"))
                .body("params.epochs", equalTo(5))
                .body("params.learningRate", equalTo(0.01f))
                .body("params.loss", equalTo("ce"))
                .body("activate", equalTo("if-better"));

        browser.followLink("Training jobs of " + slug);
        WebElement row = driver.findElement(By.id("job-" + id));
        assertTrue(row.getText().contains(TestMethods.TOY) && row.getText().contains("queued"), row.getText());
    }

    @Test
    void jobPageFollowsTheRunningJobLiveUntilItFinishes() throws IOException {
        String slug = catalog("scientific", "Scientific supplies");
        Fixtures.items(slug, List.of("a", "b", "c"));
        long id = queue(slug, SasrecParameters.METHOD, Map.of(SasrecParameters.MAX_EPOCHS, 12));
        browser.open("/admin/training/" + slug + "/" + id);
        assertEquals("queued", browser.text("[data-field=status]"));
        browser.markPage();

        // What the worker writes as it trains: the page shows it without being reloaded.
        WorkerWrites.claim(id, "trainer-1.example/7#0");
        double[] loss = {8.91, 7.12, 6.35, 5.98, 5.77, 5.66, 5.6};
        double[] ndcg = {0.0121, 0.0263, 0.0342, 0.0391, 0.0410, 0.0418, 0.0415};
        for (int epoch = 1; epoch <= loss.length; epoch++) {
            WorkerWrites.metric(id, "train.epoch_loss", epoch, loss[epoch - 1]);
            WorkerWrites.metric(id, "validation.ndcg@10", epoch, ndcg[epoch - 1]);
        }
        WorkerWrites.progress(id, "train", loss.length, 12, 95);
        Browser.waitFor(driver).until(ExpectedConditions.textToBe(By.cssSelector("[data-field=steps]"), "7 of 12"));
        Browser.waitFor(driver).until(ExpectedConditions.attributeToBe(By.id("curve-0"), "data-points", "7"));
        Browser.waitFor(driver).until(ExpectedConditions.attributeToBe(By.id("curve-1"), "data-points", "7"));
        assertEquals("running", browser.text("[data-field=status]"));
        assertEquals("train", browser.text("[data-field=phase]"));
        assertEquals("trainer-1.example/7#0", browser.text("[data-field=worker]"));
        assertEquals("1 of 3", browser.text("[data-field=attempt]"));
        assertEquals(2, driver.findElements(By.cssSelector(".curve .uplot")).size(), "both curves drawn");
        assertEquals(7, driver.findElements(By.cssSelector("#curve-1 table.points tbody tr")).size());
        assertTrue(browser.stillMarked(), "the page was reloaded");

        long model = WorkerWrites.publish(slug, id, SasrecParameters.METHOD, Map.of(), Map.of(), null, 1);
        WorkerWrites.succeed(id, model);
        // The finished job reloads once, for what only the server renders: the published model.
        Browser.waitFor(driver).until(ExpectedConditions.textToBe(By.cssSelector("#model-heading"), "Model"));
        assertFalse(browser.stillMarked());
        assertEquals("succeeded", browser.text("[data-field=status]"));
        assertTrue(browser.text("#main").contains("This job published model " + model + "."));
        assertTrue(driver.findElements(By.linkText("Cancel job…")).isEmpty());
    }

    @Test
    void operatorCancelsAQueuedJobAndReadsWhyAnotherFailed() {
        String slug = catalog("cancel", "Garden tools");
        long queued = queue(slug, TestMethods.TOY, Map.of());
        browser.open("/admin/training/" + slug + "/" + queued);
        browser.followLink("Cancel job…");
        assertEquals("Cancel job " + queued + "?", browser.text("h1"));
        browser.submit("Cancel the job");
        assertEquals("Job cancelled.", browser.text(".notice"));
        assertEquals("cancelled", browser.text("[data-field=status]"));
        Api.admin().get("/api/v1/catalogs/" + slug + "/training-jobs/" + queued).then().body("status", equalTo("cancelled"));

        long failed = queue(slug, TestMethods.TOY, Map.of());
        WorkerWrites.claim(failed, "trainer-2.example/9#0");
        WorkerWrites.fail(failed, "java.lang.IllegalStateException: the catalog has no events to train on");
        browser.open("/admin/training?catalog=" + slug + "&status=failed");
        browser.follow(driver.findElement(By.linkText("Job " + failed)));
        assertEquals("failed", browser.text("[data-field=status]"));
        assertEquals("java.lang.IllegalStateException: the catalog has no events to train on", browser.text(".error-text"));
    }

    @Test
    void operatorComparesActivatesRollsBackAndDeletesModels() throws IOException {
        String slug = catalog("models", "Office products");
        Fixtures.items(slug, IntStream.range(0, 30).mapToObj(i -> "item-" + i).toList());
        long first = WorkerWrites.publish(slug, null, TextKnnParameters.METHOD,
                TextKnnParameters.SPEC.resolve(Map.of()).asMap(), metrics(0.0312, 0.0581, 0.0247, 0.0284, 0.0532, 0.0226),
                snapshot(53_258, 4_905, 2_420), 1);
        long second = WorkerWrites.publish(slug, null, SasrecParameters.METHOD,
                SasrecParameters.SPEC.resolve(Map.of(SasrecParameters.MAX_EPOCHS, 50, SasrecParameters.DIM, 128)).asMap(),
                metrics(0.0534, 0.0979, 0.0412, 0.0468, 0.0891, 0.0377), snapshot(53_258, 4_905, 2_420), 2);
        long third = WorkerWrites.publish(slug, null, TextKnnParameters.METHOD,
                TextKnnParameters.SPEC.resolve(Map.of(TextKnnParameters.DECAY, 0.5, TextKnnParameters.DIM, 256)).asMap(),
                metrics(0.0355, 0.0640, 0.0270, 0.0331, 0.0602, 0.0251), snapshot(54_102, 4_990, 2_431), 3);
        Api.admin().post(modelsApi(slug) + "/" + first + "/activate").then().statusCode(200);
        assertEquals(first, servingModel(slug));

        browser.open("/admin/catalogs/" + slug);
        browser.followLink("Models");
        Browser.waitFor(driver).until(ExpectedConditions.attributeToBe(By.cssSelector("[data-models]"), "data-drawn", "3"));
        WebElement active = driver.findElement(By.id("model-" + first));
        assertTrue(active.getText().contains("active"), active.getText());
        assertTrue(active.findElements(By.partialLinkText("Delete")).isEmpty(), "the active model offers no delete");
        String sasrecRow = driver.findElement(By.id("model-" + second)).getText();
        assertTrue(sasrecRow.contains("dim 128, maxEpochs 50"), sasrecRow);
        assertTrue(sasrecRow.contains("0.0534") && sasrecRow.contains("0.0468"), sasrecRow);
        assertTrue(sasrecRow.contains("53,258 events"), sasrecRow);

        browser.follow(driver.findElement(By.cssSelector("#model-" + third + " button")));
        assertEquals("Model activated; recommendations come from it from now on.", browser.text(".notice"));
        assertEquals(third, servingModel(slug));

        WebElement rollBack = driver.findElement(By.cssSelector("#model-" + first + " button"));
        assertEquals("Roll back", rollBack.getText());
        browser.follow(rollBack);
        assertEquals(first, servingModel(slug));

        browser.follow(driver.findElement(By.cssSelector("#model-" + second + " a[href$='/delete']")));
        assertEquals("Delete model " + second + "?", browser.text("h1"));
        browser.submit("Delete permanently");
        assertEquals("Model deleted with its vectors.", browser.text(".notice"));
        assertTrue(driver.findElements(By.id("model-" + second)).isEmpty());
        Api.admin().get(modelsApi(slug) + "/" + second).then().statusCode(404);
    }

    @Test
    void systemPageListsWorkerSlotsWithTheirJobs() throws IOException {
        String slug = catalog("workers", "Office products");
        long running = queue(slug, SasrecParameters.METHOD, Map.of());
        String host = Api.uniqueSlug("trainer") + ".example";
        WorkerWrites.claim(running, host + "#0");
        WorkerWrites.heartbeat(host + "#0", host, 0, running, 1);
        WorkerWrites.heartbeat(host + "#1", host, 1, null, 2);
        WorkerWrites.heartbeat(host + "-old#0", host + "-old", 0, null, 3_600);

        browser.followLink("System");
        WebElement busy = slotRow(host, 0);
        assertTrue(busy.getText().contains("alive") && busy.getText().contains("Job " + running), busy.getText());
        assertTrue(slotRow(host, 1).getText().contains("idle"));
        assertTrue(slotRow(host + "-old", 0).getText().contains("stale"));
        assertTrue(browser.text(".checks").contains("pgvector"), "the health checks stay");
        browser.follow(busy.findElement(By.linkText("Job " + running)));
        assertEquals("running", browser.text("[data-field=status]"));
    }

    /**
     * For the screenshots only: a catalog with the jobs and models an operator would have after a
     * few days, created once per database (run with a fresh one).
     */
    @Test
    void showcaseForTheScreenshots() throws IOException {
        assumeTrue(Browser.screenshotsWanted(), "only renders the screenshots");
        String slug = "office-shop";
        int created = Api.admin().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Office shop"))
                .post("/api/v1/catalogs").then().extract().statusCode();
        long running;
        if (created == 201) {
            running = showcaseJobsAndModels(slug);
        } else {
            running = ((Number) Fixtures.scalar("SELECT max(j.id) FROM training_job j JOIN catalog c ON c.id = j.catalog_id "
                    + "WHERE c.slug = ? AND j.status = 'running'", slug)).longValue();
        }
        WorkerWrites.heartbeat("trainer-1.example#0", "trainer-1.example", 0, running, 1);
        WorkerWrites.heartbeat("trainer-1.example#1", "trainer-1.example", 1, null, 1);
        WorkerWrites.heartbeat("trainer-2.example#0", "trainer-2.example", 0, null, 2);
        WorkerWrites.heartbeat("trainer-3.example#0", "trainer-3.example", 0, null, 1_800);

        browser.open("/admin/training?catalog=" + slug);
        Browser.screenshot(driver, "jobs-queue", Browser.LAPTOP);
        browser.open("/admin/training/" + slug + "/" + running);
        Browser.waitFor(driver).until(ExpectedConditions.attributeToBe(By.id("curve-1"), "data-points", "9"));
        Browser.screenshot(driver, "job-live", Browser.LAPTOP);
        Browser.screenshot(driver, "job-live-phone", Browser.PHONE);
        browser.open("/admin/catalogs/" + slug + "/models");
        Browser.screenshot(driver, "models", Browser.LAPTOP);
        Browser.screenshot(driver, "models-phone", Browser.PHONE);
        browser.open("/admin/training/_new?catalog=" + slug + "&method=" + SasrecParameters.METHOD);
        browser.type("param." + SasrecParameters.DIM, "2048");
        browser.type("param." + SasrecParameters.MAX_EPOCHS, "50");
        browser.submit("Queue the job");
        Browser.screenshot(driver, "training-form", Browser.LAPTOP);
        browser.open("/admin/system");
        Browser.screenshot(driver, "system", Browser.LAPTOP);
    }

    /** Jobs in every state and the models the finished ones published; returns the running job. */
    private static long showcaseJobsAndModels(String slug) {
        Fixtures.items(slug, IntStream.range(0, 40).mapToObj(i -> "item-" + i).toList());
        long knn = queue(slug, TextKnnParameters.METHOD, Map.of());
        WorkerWrites.claim(knn, "trainer-2.example#0");
        long knnModel = WorkerWrites.publish(slug, knn, TextKnnParameters.METHOD,
                TextKnnParameters.SPEC.resolve(Map.of()).asMap(), metrics(0.0312, 0.0581, 0.0247, 0.0284, 0.0532, 0.0226),
                snapshot(53_258, 4_905, 2_420), 1);
        WorkerWrites.succeed(knn, knnModel);
        Api.admin().post(modelsApi(slug) + "/" + knnModel + "/activate").then().statusCode(200);
        long sasrec = queue(slug, SasrecParameters.METHOD, Map.of(SasrecParameters.MAX_EPOCHS, 50));
        WorkerWrites.claim(sasrec, "trainer-1.example#0");
        WorkerWrites.succeed(sasrec, WorkerWrites.publish(slug, sasrec, SasrecParameters.METHOD,
                SasrecParameters.SPEC.resolve(Map.of(SasrecParameters.MAX_EPOCHS, 50)).asMap(),
                metrics(0.0534, 0.0979, 0.0412, 0.0468, 0.0891, 0.0377), snapshot(53_258, 4_905, 2_420), 2));
        long failed = queue(slug, SasrecParameters.METHOD, Map.of(SasrecParameters.DIM, 1024, SasrecParameters.HEADS, 3));
        WorkerWrites.claim(failed, "trainer-1.example#0");
        WorkerWrites.fail(failed, "java.lang.IllegalArgumentException: heads (3) must divide dim (1024)");
        Api.admin().post("/api/v1/catalogs/" + slug + "/training-jobs/"
                + queue(slug, "popularity", Map.of()) + "/cancel").then().statusCode(200);
        long running = queue(slug, SasrecParameters.METHOD, Map.of(SasrecParameters.DIM, 128, SasrecParameters.MAX_EPOCHS, 40));
        WorkerWrites.claim(running, "trainer-1.example#0");
        double[] loss = {8.91, 7.12, 6.35, 5.98, 5.77, 5.66, 5.60, 5.57, 5.55};
        double[] ndcg = {0.0121, 0.0263, 0.0342, 0.0391, 0.0410, 0.0418, 0.0425, 0.0427, 0.0426};
        for (int epoch = 1; epoch <= loss.length; epoch++) {
            WorkerWrites.metric(running, "train.epoch_loss", epoch, loss[epoch - 1]);
            WorkerWrites.metric(running, "validation.ndcg@10", epoch, ndcg[epoch - 1]);
        }
        WorkerWrites.progress(running, "train", loss.length, 40, 1_260);
        Fixtures.update("UPDATE training_job SET created_at = now() - interval '15 minutes', started_at = now() - interval '14 minutes' WHERE id = ?", running);
        queue(slug, TextKnnParameters.METHOD, Map.of(TextKnnParameters.DIM, 256));
        return running;
    }

    private WebElement slotRow(String host, int slot) {
        return driver.findElement(By.xpath("//section[@aria-labelledby='workers-heading']//tr[th[normalize-space()='"
                + host + " slot " + slot + "']]"));
    }

    private static String catalog(String prefix, String name) {
        String slug = Api.uniqueSlug(prefix);
        Api.admin().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", name))
                .post("/api/v1/catalogs").then().statusCode(201);
        return slug;
    }

    private static long queue(String slug, String method, Map<String, Object> params) {
        Number id = Api.admin().contentType(ContentType.JSON).body(Map.of("method", method, "params", params))
                .post("/api/v1/catalogs/" + slug + "/training-jobs").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** The model the recommendations API answers from now. */
    private static long servingModel(String slug) {
        Number model = Api.admin().contentType(ContentType.JSON).body(Map.of("history", List.of("item-1", "item-2"), "k", 3))
                .post("/api/v1/catalogs/" + slug + "/recommendations").then().statusCode(200)
                .body("source", equalTo("model")).extract().path("modelId");
        return model.longValue();
    }

    private static String modelsApi(String slug) {
        return "/api/v1/catalogs/" + slug + "/models";
    }

    /** Model metrics as a training run records them: validation at the top level and under validation, test under test. */
    private static Map<String, Object> metrics(double valNdcg, double valRecall, double valMrr, double testNdcg,
            double testRecall, double testMrr) {
        Map<String, Object> validation = Map.of("ndcg@10", valNdcg, "recall@10", valRecall, "mrr", valMrr);
        Map<String, Object> metrics = new LinkedHashMap<>(validation);
        metrics.put("validation", validation);
        metrics.put("test", Map.of("ndcg@10", testNdcg, "recall@10", testRecall, "mrr", testMrr));
        metrics.put("mask_seen", true);
        return metrics;
    }

    private static Map<String, Object> snapshot(long events, int users, int items) {
        return Map.of("eventCount", events, "userCount", users, "itemCount", items, "maxEventId", events,
                "takenAt", "2026-11-27T03:00:12Z");
    }
}
