package io.semrec.admin;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.semrec.support.AdminUi;
import io.semrec.support.Api;
import io.semrec.support.Browser;
import io.semrec.support.ChromiumExtension;
import io.semrec.support.Datasets;
import io.semrec.support.Vectors;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** A catalog's settings, uploads, items and try-it page in real headless Chromium. */
@QuarkusTest
class CatalogPagesBrowserTest {

    @RegisterExtension
    static final ChromiumExtension SESSION = new ChromiumExtension();

    @TestHTTPResource("/")
    URL root;

    private WebDriver browser;

    @BeforeEach
    void signIn() {
        browser = SESSION.driver();
        open("/admin/sign-in");
        browser.manage().deleteAllCookies();
        open("/admin/sign-in");
        browser.findElement(By.id("username")).sendKeys(AdminUi.USER);
        browser.findElement(By.id("password")).sendKeys(AdminUi.PASSWORD);
        press("Sign in");
    }

    @Test
    void operatorSchedulesRetrainsWithTheMethodsOwnParameters() throws IOException {
        String slug = catalog("schedule");
        open("/admin/catalogs/" + slug);

        type("retrainSchedule", "every night");
        awaitText("#schedule-preview", "Not a schedule");
        new Select(field("defaultMethod")).selectByValue("text-knn");
        // htmx puts in the method's fields, generated from its parameter declaration.
        Browser.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("f-param.dim")));
        type("param.dim", "256");
        press("Save settings");
        assertTrue(fieldError("retrainSchedule").startsWith("not a five-field cron expression in UTC"),
                fieldError("retrainSchedule"));
        assertEquals("every night", value("retrainSchedule"));
        assertEquals("text-knn", new Select(field("defaultMethod")).getFirstSelectedOption().getDomAttribute("value"));
        assertEquals("256", value("param.dim"));

        type("retrainSchedule", "0 3 * * *");
        type("param.dim", "4");
        new Select(field("param.sublinearTf")).selectByVisibleText("no");
        press("Save settings");
        assertEquals("must be between 8 and 2000", fieldError("param.dim"));
        assertEquals("0 3 * * *", value("retrainSchedule"));
        assertEquals("false", new Select(field("param.sublinearTf")).getFirstSelectedOption().getDomAttribute("value"));
        assertTrue(text("#schedule-preview").contains("Next:"), text("#schedule-preview"));

        type("param.dim", "256");
        press("Save settings");
        assertEquals("Settings saved.", text(".notice"));
        // Only what differs from the declared defaults is stored, so better defaults still reach the rest.
        Api.admin().get("/api/v1/catalogs/" + slug).then().statusCode(200)
                .body("settings.retrainSchedule", equalTo("0 3 * * *"))
                .body("settings.defaultMethod", equalTo("text-knn"))
                .body("settings.defaultParams.dim", equalTo(256))
                .body("settings.defaultParams.sublinearTf", equalTo(false))
                .body("settings.defaultParams", not(hasKey("decay")));
        assertEquals("256", value("param.dim"));
        Browser.screenshot(browser, "catalog-settings", Browser.LAPTOP);
    }

    @Test
    void uploadingTheOfficeFilesReportsWhatTheApiReports() {
        Path office = Datasets.dir(Datasets.OFFICE);
        String viaForm = catalog("upform");
        String viaApi = Api.createCatalog("upapi");
        open("/admin/catalogs/" + viaForm);
        String page = browser.getCurrentUrl();

        upload("items", office.resolve("items.jsonl"));
        assertEquals(apiCounts(viaApi, "items", "application/x-ndjson; charset=utf-8", office.resolve("items.jsonl")),
                reportCounts());
        assertEquals(String.format(Locale.ROOT, "%,d", Datasets.OFFICE_ITEMS), reportCounts().get("New"));
        upload("events", office.resolve("events.csv"));
        assertEquals(apiCounts(viaApi, "events", "text/csv; charset=utf-8", office.resolve("events.csv")),
                reportCounts());
        // The page stayed (htmx sent the files, so the progress could show) and its counts followed.
        assertEquals(page, browser.getCurrentUrl());
        awaitText("#counts", String.format(Locale.ROOT, "%,d", Datasets.OFFICE_EVENTS));
        Api.admin().get("/api/v1/catalogs/" + viaForm).then()
                .body("counts.items", equalTo(Datasets.OFFICE_ITEMS))
                .body("counts.events", equalTo(Datasets.OFFICE_EVENTS));
    }

    @Test
    void uploadWithBadLinesListsEachLineWithItsReason() throws IOException {
        String slug = catalog("badlines");
        String body = String.join("\n",
                "{\"item_id\": \"stapler\", \"title\": \"Heavy-duty stapler\"}",
                "{\"item_id\": \"broken\", \"title\": ",
                "{\"title\": \"an item without its id\"}",
                "{\"item_id\": \"\", \"title\": \"a blank id\"}",
                "{\"item_id\": \"tape\", \"title\": \"Packing tape\"}",
                "[1, 2, 3]") + "\n";
        Path file = Files.createTempFile("items-with-errors-", ".jsonl");
        try {
            Files.writeString(file, body);
            open("/admin/catalogs/" + slug);
            upload("items", file);
        } finally {
            Files.delete(file);
        }
        assertEquals("2", reportCounts().get("New"));
        assertEquals("4", reportCounts().get("Rejected"));
        JsonPath api = Api.admin().contentType("application/x-ndjson; charset=utf-8").body(body.getBytes())
                .post("/api/v1/catalogs/" + Api.createCatalog("badapi") + "/items").then().statusCode(200)
                .extract().jsonPath();
        List<WebElement> rows = browser.findElements(By.cssSelector(".line-errors tbody tr"));
        assertEquals(4, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            assertEquals(api.getString("errors[" + i + "].line"), cells.get(0).getText());
            assertEquals(api.getString("errors[" + i + "].reason"), cells.get(1).getText());
        }
        assertEquals(List.of("2", "3", "4", "6"), rows.stream().map(r -> r.findElement(By.tagName("td")).getText()).toList());
        Browser.screenshot(browser, "upload-report", Browser.LAPTOP);
    }

    @Test
    void itemsAreFoundByIdAndTextAndShowTheirNeighboursOnceAModelIsActive() throws IOException {
        String slug = catalog("items");
        Datasets.importInto(slug, Datasets.OFFICE);
        open("/admin/catalogs/" + slug + "/items");

        browser.findElement(By.cssSelector("input[name=by][value=id]")).click();
        type("q", "24");
        press("Search");
        List<String> ids = column(1);
        assertFalse(ids.isEmpty());
        assertTrue(ids.stream().allMatch(id -> id.startsWith("24")), ids.toString());
        Browser.follow(browser, browser.findElement(By.cssSelector(".pager a[rel=next]")));
        assertTrue(column(1).stream().allMatch(id -> id.startsWith("24")), column(1).toString());

        browser.findElement(By.cssSelector("input[name=by][value=title]")).click();
        type("q", "cordless PHONE");
        press("Search");
        List<String> titles = column(2);
        assertFalse(titles.isEmpty());
        assertTrue(titles.stream().map(t -> t.toLowerCase(Locale.ROOT)).allMatch(t -> t.contains("cordless") && t.contains("phone")),
                titles.toString());
        Browser.screenshot(browser, "items", Browser.LAPTOP);
        type("q", "cs6114 vtech");
        press("Search");
        assertEquals(List.of("0"), column(1));

        Browser.follow(browser, browser.findElement(By.linkText("0")));
        assertTrue(text("h1").startsWith("VTECH CS6114"), text("h1"));
        assertTrue(text(".attributes").contains("Office Electronics, Telephones & Accessories, Cordless Telephones"));
        Browser.awaitLoaded(browser);
        assertTrue(text("#neighbours").contains("This catalog has no active model"), text("#neighbours"));

        long model = Vectors.upload(slug, "cosine", Datasets.wordVectors(Datasets.OFFICE, 128, "title", "categories"));
        Vectors.activate(slug, model);
        browser.navigate().refresh();
        Browser.awaitLoaded(browser);
        List<String> neighbours = browser.findElements(By.cssSelector("#neighbours .ranked .slug")).stream()
                .map(WebElement::getText).toList();
        List<String> similar = Api.admin().get("/api/v1/catalogs/" + slug + "/items/0/similar?k=10").then()
                .statusCode(200).body("modelId", equalTo((int) model)).extract().jsonPath().getList("items.itemId");
        assertEquals(similar, neighbours);
        Browser.screenshot(browser, "item-detail", Browser.LAPTOP);
    }

    @Test
    void tryItPicksItemsFromSuggestionsAndShowsTwoModelsSideBySide() throws IOException {
        String slug = catalog("tryit");
        Datasets.importInto(slug, Datasets.OFFICE);
        long active = Vectors.upload(slug, "cosine", Datasets.wordVectors(Datasets.OFFICE, 128, "title", "categories"));
        Vectors.activate(slug, active);
        long other = Vectors.upload(slug, "cosine", Datasets.wordVectors(Datasets.OFFICE, 64, "brand", "categories"));
        open("/admin/catalogs/" + slug + "/try-it");

        // Keyboard: type, arrow down to the first suggestion, Enter adds it.
        WebElement input = field("add");
        input.sendKeys("cordless phone");
        awaitSuggestions();
        assertEquals("true", input.getDomAttribute("aria-expanded"));
        String first = browser.findElement(By.cssSelector("#f-add-suggestions [role=option]")).getDomAttribute("data-value");
        input.sendKeys(Keys.ARROW_DOWN);
        assertEquals("suggestion-0", input.getDomAttribute("aria-activedescendant"));
        Browser.navigate(browser, () -> input.sendKeys(Keys.ENTER));

        // Mouse: a click on a suggestion adds it too.
        field("add").sendKeys("answering machine");
        awaitSuggestions();
        WebElement option = browser.findElement(By.cssSelector("#f-add-suggestions [role=option]"));
        String second = option.getDomAttribute("data-value");
        Browser.follow(browser, option);

        List<String> history = browser.findElements(By.cssSelector(".history input[name=history]")).stream()
                .map(e -> e.getDomAttribute("value")).toList();
        assertEquals(List.of(first, second), history);
        List<String> recommended = Api.admin().contentType(ContentType.JSON)
                .body(Map.of("history", history, "k", 10))
                .post("/api/v1/catalogs/" + slug + "/recommendations").then().statusCode(200)
                .body("modelId", equalTo((int) active)).extract().jsonPath().getList("items.itemId");
        assertEquals(recommended, rankedIds("active"));
        assertTrue(text("#active-heading").contains("model " + active), text("#active-heading"));
        assertTrue(text("#compared-heading").contains("model " + other), text("#compared-heading"));
        assertEquals(10, rankedIds("compared").size());
        // Side by side on a laptop: the two columns start at the same height.
        assertEquals(browser.findElement(By.cssSelector("[aria-labelledby=active-heading]")).getLocation().getY(),
                browser.findElement(By.cssSelector("[aria-labelledby=compared-heading]")).getLocation().getY());
        Browser.screenshot(browser, "try-it", Browser.LAPTOP);
        Browser.screenshot(browser, "try-it-phone", Browser.PHONE);
    }

    /** A catalog named as an operator would name it, for the screenshots. */
    private static String catalog(String prefix) {
        String slug = Api.uniqueSlug(prefix);
        Api.admin().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Office products"))
                .post("/api/v1/catalogs").then().statusCode(201);
        return slug;
    }

    private void open(String path) {
        browser.get(root.toString().replaceAll("/$", "") + path);
    }

    private WebElement field(String name) {
        return browser.findElement(By.id("f-" + name));
    }

    private void type(String name, String text) {
        WebElement input = field(name);
        input.clear();
        input.sendKeys(text);
    }

    private String value(String name) {
        return field(name).getDomProperty("value");
    }

    private String fieldError(String name) {
        return browser.findElement(By.id("f-" + name + "-error")).getText().replaceFirst("^Error:\\s*", "");
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void awaitText(String css, String part) {
        Browser.waitFor(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), part));
    }

    /** Presses the submit button with this label and waits for the next page. */
    private void press(String label) {
        Browser.follow(browser, browser.findElements(By.cssSelector("button[type=submit]")).stream()
                .filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + label + "'")));
    }

    /** Sends a file through the upload form and waits for its report. */
    private void upload(String kind, Path file) {
        browser.findElement(By.cssSelector("input[name=kind][value=" + kind + "]")).click();
        field("file").sendKeys(file.toString());
        browser.findElement(By.cssSelector(".upload-form button[type=submit]")).click();
        awaitText(".upload-report h3", file.getFileName().toString());
    }

    /** The upload report's counts by their label, as shown. */
    private Map<String, String> reportCounts() {
        Map<String, String> counts = new LinkedHashMap<>();
        for (WebElement fact : browser.findElements(By.cssSelector(".upload-report .facts > div"))) {
            // textContent: the labels are upper-cased by the stylesheet only.
            counts.put(fact.findElement(By.tagName("dt")).getDomProperty("textContent").strip(),
                    fact.findElement(By.tagName("dd")).getText());
        }
        return counts;
    }

    /** The same file through the API, its counts labelled and written as the report shows them. */
    private static Map<String, String> apiCounts(String slug, String kind, String contentType, Path file) {
        JsonPath report = Api.admin().contentType(contentType).body(file.toFile())
                .post("/api/v1/catalogs/" + slug + "/" + kind).then().statusCode(200).extract().jsonPath();
        Map<String, String> counts = new LinkedHashMap<>();
        counts.put("New", String.format(Locale.ROOT, "%,d", report.getLong("accepted")));
        counts.put("Updated", String.format(Locale.ROOT, "%,d", report.getLong("updated")));
        counts.put("Unchanged", String.format(Locale.ROOT, "%,d", report.getLong("unchanged")));
        counts.put("Rejected", String.format(Locale.ROOT, "%,d", report.getLong("rejected")));
        return counts;
    }

    /** The text of one column (1-based) of the items table. */
    private List<String> column(int index) {
        return browser.findElements(By.cssSelector(".items-table tbody tr > :nth-child(" + index + ")")).stream()
                .map(WebElement::getText).toList();
    }

    private void awaitSuggestions() {
        Browser.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#f-add-suggestions [role=option]")));
    }

    private List<String> rankedIds(String column) {
        return browser.findElements(By.cssSelector("[aria-labelledby=" + column + "-heading] .ranked .slug")).stream()
                .map(WebElement::getText).toList();
    }
}
