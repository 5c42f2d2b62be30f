package io.semrec.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.semrec.support.AdminUi;
import io.semrec.support.Api;
import io.semrec.support.Browser;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The admin UI in real headless Chromium, as an operator uses it. */
@QuarkusTest
class AdminUiBrowserTest {

    /** Catalogs for the screenshots, each with the keys its shop would use. */
    private static final List<Map<String, String>> SHOWCASE = List.of(
            Map.of("slug", "amazon-office", "name", "Office products"),
            Map.of("slug", "amazon-scientific", "name", "Scientific supplies"));

    private static WebDriver browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Browser.installed(), "needs the Debian packages chromium and chromium-driver");
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signOut() {
        open("/admin/sign-in");
        browser.manage().deleteAllCookies();
        showcaseData();
    }

    @Test
    void signedOutVisitorSignsInAndComesBackToThePageAsked() throws IOException {
        open("/admin/api-keys");
        assertTrue(browser.getCurrentUrl().endsWith("/admin/sign-in"), browser.getCurrentUrl());
        Browser.screenshot(browser, "sign-in", Browser.LAPTOP);

        signIn(AdminUi.USER, "wrong password");
        assertTrue(text(".error-summary").contains("The user name or the password is wrong."));

        signIn(AdminUi.USER, AdminUi.PASSWORD);
        assertTrue(browser.getCurrentUrl().endsWith("/admin/api-keys"), browser.getCurrentUrl());
        assertEquals("API keys", text("h1"));
        assertEquals("page", browser.findElement(By.linkText("API keys")).getDomAttribute("aria-current"));

        follow(browser.findElement(By.cssSelector(".sign-out button")));
        assertEquals("You are signed out.", text(".notice"));
        open("/admin/catalogs");
        assertTrue(browser.getCurrentUrl().endsWith("/admin/sign-in"), browser.getCurrentUrl());
    }

    @Test
    void operatorCreatesEditsAndDeletesACatalog() throws IOException {
        signedIn();
        Browser.screenshot(browser, "catalogs", Browser.LAPTOP);
        follow(browser.findElement(By.linkText("New catalog")));

        // A refused form keeps everything typed and says what is wrong next to each field.
        type("slug", "Not A Slug!");
        type("name", "Office products");
        type("efSearch", "5");
        type("historyLength", "lots");
        submit("Create catalog");
        assertTrue(text(".error-summary").contains("The form has errors"));
        assertEquals("lowercase letters, digits and inner dashes, at most 64 characters", fieldError("slug"));
        assertEquals("must be greater than or equal to 10", fieldError("efSearch"));
        assertEquals("enter a whole number, like 40", fieldError("historyLength"));
        assertEquals("Not A Slug!", value("slug"));
        assertEquals("Office products", value("name"));
        assertEquals("5", value("efSearch"));
        assertEquals("lots", value("historyLength"));
        assertEquals("error-summary", browser.switchTo().activeElement().getDomAttribute("class"));
        Browser.screenshot(browser, "catalog-form-errors", Browser.LAPTOP);

        String slug = Api.uniqueSlug("office");
        type("slug", slug);
        type("efSearch", "120");
        type("historyLength", "");
        submit("Create catalog");
        assertEquals("Catalog created.", text(".notice"));
        assertTrue(text("h1").startsWith("Office products"));
        Browser.awaitLoaded(browser);
        assertEquals("0", browser.findElement(By.cssSelector("#counts div:first-child dd")).getText());
        Browser.screenshot(browser, "catalog-detail", Browser.LAPTOP);

        type("name", "Office and school");
        type("historyLength", "0");
        submit("Save settings");
        assertEquals("must be greater than or equal to 1", fieldError("historyLength"));
        assertEquals("Office and school", value("name"));
        assertEquals("0", value("historyLength"));
        type("historyLength", "20");
        submit("Save settings");
        assertEquals("Settings saved.", text(".notice"));
        Api.admin().get("/api/v1/catalogs/" + slug).then().statusCode(200)
                .body("name", equalTo("Office and school"))
                .body("settings.efSearch", equalTo(120))
                .body("settings.historyLength", equalTo(20));

        follow(browser.findElement(By.linkText("All catalogs")));
        By row = By.id("catalog-" + slug);
        findOnSomePage(row);
        Browser.awaitLoaded(browser);
        assertTrue(browser.findElement(row).getText().startsWith("Office and school " + slug + " 0 0 0 none"),
                browser.findElement(row).getText());

        open("/admin/catalogs/" + slug);
        follow(browser.findElement(By.linkText("Delete this catalog…")));
        assertEquals("Delete Office and school?", text("h1"));
        submit("Delete permanently");
        assertEquals("Catalog deleted with all its data.", text(".notice"));
        Api.admin().get("/api/v1/catalogs/" + slug).then().statusCode(404);
    }

    @Test
    void operatorCreatesAndRevokesAnApiKey() throws IOException {
        String catalog = Api.createCatalog("keys");
        String name = "shop frontend " + Api.uniqueSlug("k");
        signedIn();
        open("/admin/api-keys");

        type("name", name);
        new Select(browser.findElement(By.id("f-role"))).selectByValue("ingest");
        type("catalog", "no-such-catalog");
        submit("Create key");
        assertEquals("no catalog 'no-such-catalog'", fieldError("catalog"));
        assertEquals(name, value("name"));
        assertEquals("ingest", new Select(browser.findElement(By.id("f-role"))).getFirstSelectedOption().getText());

        type("catalog", catalog);
        submit("Create key");
        assertEquals("API key created", text("h1"));
        String secret = value("secret");
        assertTrue(secret.startsWith("sk_"), secret);
        Api.as(secret).get("/api/v1/catalogs/" + catalog).then().statusCode(200);
        Browser.screenshot(browser, "api-key-created", Browser.LAPTOP);

        follow(browser.findElement(By.linkText("Done")));
        WebElement row = keyRow(name);
        assertTrue(row.getText().contains("ingest"));
        assertTrue(row.getText().contains(catalog));
        Browser.screenshot(browser, "api-keys", Browser.LAPTOP);
        follow(row.findElement(By.cssSelector("button")));
        assertEquals("API key revoked; requests with it are refused from now on.", text(".notice"));
        assertTrue(keyRow(name).getText().contains("revoked"));
        Api.as(secret).get("/api/v1/catalogs/" + catalog).then().statusCode(401);
    }

    @Test
    void systemPageShowsDatabaseAndVectorExtension() throws IOException {
        signedIn();
        follow(browser.findElement(By.linkText("System")));
        WebElement pgvector = browser.findElements(By.cssSelector(".check")).stream()
                .filter(c -> c.getText().contains("pgvector")).findFirst().orElseThrow();
        assertTrue(pgvector.getText().contains("Up"));
        assertTrue(pgvector.getText().contains("0.8.0"));
        assertTrue(text(".checks").contains("Database connections health check"));
        Browser.screenshot(browser, "system", Browser.LAPTOP);
    }

    @Test
    void liveUpdateAfterTheSessionEndedLeadsToSignInAndBack() {
        signedIn();
        open("/admin/system");
        browser.manage().deleteAllCookies();
        // The health list polls every 10 s; its answer is now the sign-in page, so the page reloads.
        Browser.waitFor(browser).until(ExpectedConditions.urlMatches("/admin/sign-in$"));
        signIn(AdminUi.USER, AdminUi.PASSWORD);
        assertTrue(browser.getCurrentUrl().endsWith("/admin/system"), browser.getCurrentUrl());
        assertEquals("System", text("h1"));
    }

    @Test
    void pagesFitAPhone() throws IOException {
        assumeTrue(Browser.screenshotsWanted(), "only renders the phone screenshots");
        signedIn();
        Browser.screenshot(browser, "catalogs-phone", Browser.PHONE);
        open("/admin/catalogs/" + SHOWCASE.get(0).get("slug"));
        Browser.screenshot(browser, "catalog-detail-phone", Browser.PHONE);
    }

    /**
     * For the screenshots only: catalogs and keys as an operator would have them, created once per
     * database (run with a fresh one so that the pages show only these).
     */
    private static void showcaseData() {
        if (!Browser.screenshotsWanted()) {
            return;
        }
        for (Map<String, String> catalog : SHOWCASE) {
            int status = Api.admin().contentType(ContentType.JSON).body(catalog)
                    .post("/api/v1/catalogs").then().extract().statusCode();
            if (status == 201) {
                String slug = catalog.get("slug");
                Api.admin().contentType(ContentType.JSON)
                        .body(Map.of("name", slug + " shop", "role", "read", "catalog", slug))
                        .post("/api/v1/api-keys").then().statusCode(201);
                Api.admin().contentType(ContentType.JSON)
                        .body(Map.of("name", slug + " nightly import", "role", "ingest", "catalog", slug))
                        .post("/api/v1/api-keys").then().statusCode(201);
            }
        }
    }

    private void open(String path) {
        browser.get(root.toString().replaceAll("/$", "") + path);
    }

    private void signedIn() {
        open("/admin/sign-in");
        signIn(AdminUi.USER, AdminUi.PASSWORD);
        Browser.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".main-nav")));
    }

    private void signIn(String user, String password) {
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        submit("Sign in");
    }

    private void type(String field, String text) {
        WebElement input = browser.findElement(By.id("f-" + field));
        input.clear();
        input.sendKeys(text);
    }

    private void submit(String label) {
        follow(browser.findElements(By.cssSelector("button[type=submit]")).stream()
                .filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + label + "'")));
    }

    private void follow(WebElement target) {
        Browser.follow(browser, target);
    }

    private String value(String field) {
        return browser.findElement(By.id(field.equals("secret") ? field : "f-" + field)).getDomProperty("value");
    }

    private String fieldError(String field) {
        return browser.findElement(By.id("f-" + field + "-error")).getText().replaceFirst("^Error:\\s*", "");
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private WebElement keyRow(String name) {
        return findOnSomePage(By.xpath("//tr[th[normalize-space()='" + name + "']]"));
    }

    /** Follows the list's "Next page" links until {@code what} shows up: lists run oldest first. */
    private WebElement findOnSomePage(By what) {
        while (true) {
            List<WebElement> found = browser.findElements(what);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            List<WebElement> next = browser.findElements(By.cssSelector(".pager a[rel=next]"));
            if (next.isEmpty()) {
                throw new AssertionError("not on any page: " + what);
            }
            follow(next.get(0));
        }
    }
}
