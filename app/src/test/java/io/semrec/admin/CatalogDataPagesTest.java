package io.semrec.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.semrec.support.AdminUi;
import io.semrec.support.Api;
import io.semrec.support.Fixtures;
import io.semrec.support.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog's data pages without a browser: uploads and their CSRF check, item search, try it. */
@QuarkusTest
class CatalogDataPagesTest {

    private Cookies session;

    @BeforeEach
    void signIn() {
        session = AdminUi.signIn();
    }

    @Test
    void uploadWithoutCsrfTokenIsRefused() {
        String slug = Api.createCatalog("upcsrf");
        Response page = AdminUi.as(session).get("/admin/catalogs/" + slug);
        Cookies csrfCookie = page.detailedCookies();
        String token = AdminUi.csrfToken(page.asString());
        byte[] items = "{\"item_id\":\"a\",\"title\":\"A\"}\n".getBytes(StandardCharsets.UTF_8);

        upload(slug, csrfCookie, null, items).then().statusCode(400)
                .body(containsString("The form could not be verified"));
        upload(slug, csrfCookie, token.substring(1) + "A", items).then().statusCode(400);
        Api.admin().get("/api/v1/catalogs/" + slug).then().body("counts.items", equalTo(0));

        upload(slug, csrfCookie, token, items).then().statusCode(200)
                .body(containsString("<dt>New</dt><dd>1</dd>"));
        Api.admin().get("/api/v1/catalogs/" + slug).then().body("counts.items", equalTo(1));
    }

    @Test
    void uploadOfAnUnknownFileTypeIsRefusedNextToTheField() {
        String slug = Api.createCatalog("uptype");
        Response page = AdminUi.as(session).get("/admin/catalogs/" + slug);
        AdminUi.as(session).cookies(page.detailedCookies())
                .multiPart("csrf-token", AdminUi.csrfToken(page.asString()))
                .multiPart("kind", "items")
                .multiPart("file", "items.txt", "item_id\na\n".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/admin/catalogs/" + slug + "/uploads")
                .then().statusCode(422)
                .body(containsString("id=\"f-file-error\""))
                .body(containsString("choose an NDJSON file (.jsonl, .ndjson) or a CSV file (.csv)"));
    }

    @Test
    void itemsAreSearchedByIdPrefixTitleOrAnyAttribute() {
        String slug = Api.createCatalog("search");
        Fixtures.insertItems(slug, List.of(
                new Fixtures.Item("pen-1", "{\"title\":\"Blue ballpoint pen\",\"brand\":\"Acme\"}", true),
                new Fixtures.Item("pen-2", "{\"title\":\"Red gel pen\",\"brand\":\"Inkwell\"}", true),
                new Fixtures.Item("paper_1", "{\"title\":\"Copy paper 100% recycled\",\"brand\":\"Acme\"}", false)));
        String items = "/admin/catalogs/" + slug + "/items";

        AdminUi.as(session).queryParam("by", "id").queryParam("q", "pen-").get(items).then().statusCode(200)
                .body(containsString(">pen-1</a>")).body(containsString(">pen-2</a>")).body(not(containsString(">paper_1</a>")));
        // LIKE's wildcards are plain characters in a search.
        AdminUi.as(session).queryParam("by", "id").queryParam("q", "pa_").get(items).then()
                .body(not(containsString(">paper_1</a>")));
        AdminUi.as(session).queryParam("by", "id").queryParam("q", "paper_").get(items).then()
                .body(containsString(">paper_1</a>")).body(containsString("unavailable"));
        // Title (the default): every word, in any case.
        AdminUi.as(session).queryParam("q", "pen BLUE").get(items).then()
                .body(containsString(">pen-1</a>")).body(not(containsString(">pen-2</a>"))).body(not(containsString(">paper_1</a>")));
        AdminUi.as(session).queryParam("q", "100%").get(items).then()
                .body(containsString(">paper_1</a>")).body(not(containsString(">pen-1</a>")));
        AdminUi.as(session).queryParam("q", "acme").get(items).then()
                .body(containsString("No item matches “acme”."));
        // Any attribute: every word in some attribute value.
        AdminUi.as(session).queryParam("by", "attributes").queryParam("q", "ACME pen").get(items).then()
                .body(containsString(">pen-1</a>")).body(not(containsString(">pen-2</a>"))).body(not(containsString(">paper_1</a>")));
    }

    @Test
    void itemPageSaysWhenTheCatalogHasNoActiveModel() {
        String slug = Api.createCatalog("noneigh");
        Fixtures.items(slug, List.of("x"));
        String neighbours = "/admin/catalogs/" + slug + "/items/x/neighbours";
        AdminUi.as(session).header("HX-Request", "true").get(neighbours).then().statusCode(200)
                .body(containsString("This catalog has no active model"))
                .body(not(containsString("<html")));
        AdminUi.as(session).get("/admin/catalogs/" + slug + "/items/nope").then().statusCode(404);
    }

    @Test
    void tryItAddsAnItemByIdAndOffersChoicesForText() {
        String slug = Api.createCatalog("tryform");
        Fixtures.insertItems(slug, List.of(
                new Fixtures.Item("p1", "{\"title\":\"Stapler\"}", true),
                new Fixtures.Item("p2", "{\"title\":\"Staples, box of 1000\"}", true)));
        String tryIt = "/admin/catalogs/" + slug + "/try-it";

        AdminUi.as(session).queryParam("history", "p1").queryParam("add", "p2").get(tryIt)
                .then().statusCode(303).header("Location", endsWith(tryIt + "?history=p1&history=p2"));
        AdminUi.as(session).queryParam("history", "p1").queryParam("history", "p2").queryParam("remove", "0").get(tryIt)
                .then().statusCode(303).header("Location", endsWith(tryIt + "?history=p2"));
        AdminUi.as(session).queryParam("history", "p1").queryParam("add", "staple").get(tryIt).then().statusCode(200)
                .body(containsString("No item has the id “staple”"))
                .body(containsString("name=\"add\" value=\"p2\""))
                .body(containsString("This catalog has no active model"));
        AdminUi.as(session).queryParam("add", "stap").get(tryIt + "/suggestions").then().statusCode(200)
                .body(containsString("data-value=\"p1\"")).body(containsString("data-value=\"p2\""));
    }

    @Test
    void tryItRefusesAModelOfAnotherCatalog() {
        String slug = Api.createCatalog("tryown");
        String other = Api.createCatalog("tryother");
        Fixtures.items(other, List.of("a", "b"));
        Fixtures.items(slug, List.of("a", "b"));
        long foreign = Vectors.upload(other, "cosine", Vectors.random(List.of("a", "b"), 4, 1));
        AdminUi.as(session).queryParam("history", "a").queryParam("model", foreign)
                .get("/admin/catalogs/" + slug + "/try-it").then().statusCode(404);
    }

    private Response upload(String slug, Cookies csrfCookie, String token, byte[] file) {
        RequestSpecification request = AdminUi.as(session).cookies(csrfCookie)
                .multiPart("kind", "items")
                .multiPart("file", "items.jsonl", file, "application/x-ndjson");
        if (token != null) {
            request.multiPart(AdminUi.CSRF_FIELD, token);
        }
        return request.post("/admin/catalogs/" + slug + "/uploads");
    }
}
