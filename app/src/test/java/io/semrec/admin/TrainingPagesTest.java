package io.semrec.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import io.semrec.jobs.TestMethods;
import io.semrec.support.AdminUi;
import io.semrec.support.Api;
import io.semrec.support.WorkerWrites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Training pages without a browser: the live stream of a job, the queue's filters, the form's parameter fields. */
@QuarkusTest
class TrainingPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    private Cookies session;

    @BeforeEach
    void signIn() {
        session = AdminUi.signIn();
    }

    @Test
    void liveStreamNeedsASession() {
        String slug = Api.createCatalog("live-auth");
        long id = queue(slug);
        given().redirects().follow(false).get(live(slug, id))
                .then().statusCode(302).header("Location", endsWith("/admin/sign-in"));
        // An API key opens no page, the stream included.
        Api.admin().redirects().follow(false).get(live(slug, id))
                .then().statusCode(302).header("Location", endsWith("/admin/sign-in"));
    }

    @Test
    void liveStreamSendsProgressAndNewPointsAndEndsWhenTheJobFinishes() throws Exception {
        String slug = Api.createCatalog("live");
        long id = queue(slug);
        WorkerWrites.claim(id, "host-a/1#0");
        WorkerWrites.progress(id, "train", 2, 10, 40);

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(root.toString().replaceAll("/$", "") + live(slug, id)))
                .header("Accept", "text/event-stream")
                .header("Cookie", session.asList().stream().map(c -> c.getName() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            JsonNode first = next(events);
            assertEquals("running", first.at("/summary/job/status").asText());
            assertEquals("2 of 10", first.at("/summary/steps").asText());
            assertEquals("1 of 3", first.at("/summary/attempt").asText());
            assertTrue(first.get("reset").asBoolean());

            WorkerWrites.metric(id, "train.epoch_loss", 1, 0.75);
            WorkerWrites.metric(id, "train.loss", 7, 0.8); // per step, not a curve of the page
            JsonNode withPoint = first;
            while (withPoint.at("/points/train.epoch_loss").isMissingNode()
                    || withPoint.at("/points/train.epoch_loss").isEmpty()) {
                withPoint = next(events);
            }
            assertEquals(1, withPoint.at("/points/train.epoch_loss/0/step").asInt());
            assertEquals(0.75, withPoint.at("/points/train.epoch_loss/0/value").asDouble());
            assertTrue(withPoint.at("/points/train.loss").isMissingNode());
            assertFalse(withPoint.get("reset").asBoolean());

            WorkerWrites.fail(id, "out of memory");
            JsonNode last = withPoint;
            for (JsonNode event = next(events); event != null; event = next(events)) {
                last = event;
            }
            // The stream ended by itself, right after the update that says the job is over.
            assertEquals("failed", last.at("/summary/job/status").asText());
            assertTrue(last.at("/summary/finished").asBoolean());
            assertEquals("out of memory", last.at("/summary/job/error").asText());
        }
    }

    @Test
    void liveStreamOfAFinishedJobSendsOneUpdateAndEnds() {
        String slug = Api.createCatalog("live-done");
        long id = queue(slug);
        AdminUi.as(session).get(jobPage(slug, id) + "/cancel").then().statusCode(200);
        Api.admin().post("/api/v1/catalogs/" + slug + "/training-jobs/" + id + "/cancel").then().statusCode(200);
        String body = AdminUi.as(session).accept("text/event-stream").get(live(slug, id))
                .then().statusCode(200).extract().asString();
        assertEquals(1, body.lines().filter(l -> l.startsWith("data:")).count(), body);
        assertTrue(body.contains("\"status\":\"cancelled\""), body);
        AdminUi.as(session).get(live(slug, 999_999_999L)).then().statusCode(404);
    }

    @Test
    void jobPageRendersTheCurrentStateWithoutScripts() {
        String slug = Api.createCatalog("job-page");
        long id = queue(slug);
        WorkerWrites.claim(id, "host-b/1#0");
        WorkerWrites.progress(id, "train", 4, 8, 125);
        WorkerWrites.metric(id, "validation.ndcg@10", 1, 0.0123);
        AdminUi.as(session).get(jobPage(slug, id)).then().statusCode(200)
                .body(containsString("data-live=\"" + live(slug, id) + "\""))
                .body(containsString("<dd data-field=\"steps\">4 of 8</dd>"))
                .body(containsString("<dd data-field=\"worker\" class=\"worker\">host-b/1#0</dd>"))
                .body(containsString("<td>1</td><td class=\"num\">0.0123</td>"));
        WorkerWrites.fail(id, "trainer crashed: NaN loss");
        AdminUi.as(session).get(jobPage(slug, id)).then().statusCode(200)
                .body(not(containsString("data-live=")))
                .body(containsString("trainer crashed: NaN loss"));
    }

    @Test
    void queueFiltersByCatalogAndStatusAcrossPages() {
        String slug = Api.createCatalog("queue");
        long queued = queue(slug);
        long failed = queue(slug);
        WorkerWrites.claim(failed, "host-c/1#0");
        WorkerWrites.fail(failed, "boom");
        String other = Api.createCatalog("queue-other");
        long elsewhere = queue(other);

        String page = AdminUi.as(session).get("/admin/training?catalog=" + slug).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"job-" + queued + "\"") && page.contains("id=\"job-" + failed + "\""));
        assertFalse(page.contains("id=\"job-" + elsewhere + "\""));
        assertTrue(page.indexOf("id=\"job-" + failed + "\"") < page.indexOf("id=\"job-" + queued + "\""), "newest first");
        page = AdminUi.as(session).get("/admin/training?catalog=" + slug + "&status=failed").then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("id=\"job-" + failed + "\""));
        assertFalse(page.contains("id=\"job-" + queued + "\""));
        AdminUi.as(session).get("/admin/training?status=done").then().statusCode(400)
                .body(containsString("must be one of queued"));
    }

    @Test
    void methodFieldsComeFromTheDeclarationWithDefaultsAndRanges() {
        AdminUi.as(session).header("HX-Request", "true").get("/admin/training/_new/params?method=" + TestMethods.TOY)
                .then().statusCode(200)
                .body(not(containsString("<html")))
                .body(containsString("id=\"f-param.epochs\" name=\"param.epochs\" type=\"number\" value=\"10\""))
                .body(containsString("min=\"1\" max=\"100\" step=\"1\""))
                .body(containsString("passes over the data. Default 10; 1 to 100."))
                .body(containsString("min=\"0.000001\" max=\"1\" step=\"any\""))
                .body(containsString("<option value=\"ce\">ce</option>"));
        // Without JavaScript the method is changed by posting the form: the catalog stays chosen.
        String catalog = Api.createCatalog("form");
        Response form = AdminUi.as(session).get("/admin/training/_new");
        AdminUi.as(session).cookies(form.detailedCookies()).contentType(ContentType.URLENC)
                .formParam(AdminUi.CSRF_FIELD, AdminUi.csrfToken(form.asString()))
                .formParam("catalog", catalog).formParam("method", TestMethods.TOY).formParam("activate", "always")
                .post("/admin/training/_new").then().statusCode(200)
                .body(containsString("<option value=\"" + catalog + "\" selected>"))
                .body(containsString("<option value=\"always\" selected>"))
                .body(containsString("name=\"param.learningRate\""));
    }

    private long queue(String slug) {
        Number id = Api.admin().contentType(ContentType.JSON).body(Map.of("method", TestMethods.TOY))
                .post("/api/v1/catalogs/" + slug + "/training-jobs").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** The next event's data, or null once the stream has ended. */
    private static JsonNode next(BufferedReader events) throws IOException {
        for (String line = events.readLine(); line != null; line = events.readLine()) {
            if (line.startsWith("data:")) {
                return JSON.readTree(line.substring("data:".length()));
            }
        }
        return null;
    }

    private static String jobPage(String slug, long id) {
        return "/admin/training/" + slug + "/" + id;
    }

    private static String live(String slug, long id) {
        return jobPage(slug, id) + "/live";
    }
}
