package io.semrec.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.semrec.support.AdminUi;
import io.semrec.support.Api;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admin pages without a browser: lazy counts, pagination, error pages. */
@QuarkusTest
class AdminPagesTest {

    private static final Pattern CATALOG_ROW = Pattern.compile("<tr id=\"catalog-([a-z0-9-]+)\"");
    private static final Pattern NEXT_PAGE = Pattern.compile("href=\"(/admin/catalogs\\?after=[^\"]+)\" rel=\"next\"");

    @Inject
    AdminUiConfig config;

    private Cookies session;

    @BeforeEach
    void signIn() {
        session = AdminUi.signIn();
    }

    @Test
    void pagesRenderWithoutCountsAndHtmxFetchesThem() {
        String slug = Api.createCatalog("counts");
        AdminUi.as(session).get("/admin/catalogs/" + slug).then().statusCode(200)
                .body(containsString("hx-get=\"/admin/catalogs/" + slug + "/counts\""))
                .body(not(containsString("<dt>Events</dt>")));
        AdminUi.as(session).header("HX-Request", "true").get("/admin/catalogs/" + slug + "/counts").then().statusCode(200)
                .body(containsString("<dt>Events</dt>"))
                .body(not(containsString("<html")));
        // Without JavaScript the link leads to the whole page, counts included.
        AdminUi.as(session).get("/admin/catalogs/" + slug + "/counts").then().statusCode(200)
                .body(containsString("<html"))
                .body(containsString("<dt>Events</dt>"));
        AdminUi.as(session).get("/admin/catalogs/" + slug + "/row").then().statusCode(200)
                .body(containsString("data-label=\"Events\">0</td>"));
    }

    @Test
    void catalogListPagesThroughEveryCatalogOnce() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i <= config.pageSize(); i++) {
            created.add(Api.createCatalog("paged"));
        }
        Set<String> seen = new HashSet<>();
        String next = "/admin/catalogs";
        int pages = 0;
        while (next != null) {
            String html = AdminUi.as(session).get(next).then().statusCode(200).extract().asString();
            Matcher rows = CATALOG_ROW.matcher(html);
            int onPage = 0;
            while (rows.find()) {
                assertTrue(seen.add(rows.group(1)), "listed twice: " + rows.group(1));
                onPage++;
            }
            assertTrue(onPage <= config.pageSize(), "page too long: " + onPage);
            Matcher link = NEXT_PAGE.matcher(html);
            next = link.find() ? link.group(1) : null;
            pages++;
        }
        assertTrue(pages >= 2, "expected several pages, got " + pages);
        assertTrue(seen.containsAll(created), "some new catalogs were on no page");
    }

    @Test
    void errorsUnderAdminArePages() {
        AdminUi.as(session).get("/admin/catalogs/no-such-catalog").then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("no catalog &#39;no-such-catalog&#39;"));
        AdminUi.as(session).get("/admin/catalogs?after=not-a-cursor").then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("not a cursor this API returned"));
    }

    @Test
    void adminOpensTheCatalogs() {
        AdminUi.as(session).get("/admin").then().statusCode(303).header("Location", endsWith("/admin/catalogs"));
    }

    @Test
    void assetsComeFromTheAppWithoutSigningIn() {
        given().get("/admin/static/admin.css").then().statusCode(200);
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200);
        given().get("/webjars/uplot/dist/uPlot.iife.min.js").then().statusCode(200);
    }
}
