package io.semrec.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.RestAssured;
import io.semrec.support.AdminUi;
import io.semrec.support.Api;
import io.semrec.support.Browser;
import io.semrec.support.BrowserSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What an operator does on a fresh installation, in a real browser against the packaged app and a
 * running training worker: sign in, create a catalog, upload the amazon-office files, train a small
 * SASRec model, watch the job finish, activate the model and try its recommendations.
 */
class OperatorJourneyIT {

    private static final String JDBC_URL = System.getenv().getOrDefault("SEMREC_E2E_JDBC_URL",
            "jdbc:postgresql://localhost:5432/semrec_e2e");
    private static final Path OFFICE = Stream.of("../../shared/datasets", "../shared/datasets")
            .map(dir -> Path.of(dir, "amazon-office").toAbsolutePath().normalize())
            .filter(Files::isDirectory).findFirst().orElse(null);
    /** A small SASRec: a couple of epochs on amazon-office take seconds on two cores. */
    private static final List<String[]> SMALL_SASREC = List.of(
            new String[] {"dim", "32"}, new String[] {"maxEpochs", "2"}, new String[] {"patience", "1"});
    private static final Duration TRAINING = Duration.ofMinutes(10);

    private static RunningSemrec semrec;
    private static WebDriver driver;
    private static BrowserSession browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Browser.installed(), "needs the Debian packages chromium and chromium-driver");
        assertTrue(OFFICE != null, "the amazon-office dataset beside the repository (../shared/datasets)");
        semrec = RunningSemrec.start(JDBC_URL, Api.ADMIN_KEY, AdminUi.PASSWORD);
        RestAssured.baseURI = semrec.baseUri.toString();
        driver = Browser.start();
        browser = new BrowserSession(driver, semrec.baseUri.toURL());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (driver != null) {
            driver.quit();
        }
        if (semrec != null) {
            semrec.close();
        }
    }

    @Test
    void operatorGoesFromAnEmptyCatalogToRecommendationsOfATrainedModel() throws IOException {
        browser.open("/admin/catalogs");
        assertTrue(driver.getCurrentUrl().endsWith("/admin/sign-in"), driver.getCurrentUrl());
        browser.signIn();

        String slug = Api.uniqueSlug("office");
        browser.open("/admin/catalogs");
        browser.followLink("New catalog");
        browser.type("slug", slug);
        browser.type("name", "Office products");
        browser.submit("Create catalog");
        assertEquals("Catalog created.", browser.text(".notice"));

        upload("items", OFFICE.resolve("items.jsonl"), "2,420");
        upload("events", OFFICE.resolve("events.csv"), "53,258");
        Api.admin().get("/api/v1/catalogs/" + slug).then().statusCode(200)
                .body("counts.items", equalTo(2420))
                .body("counts.events", equalTo(53258));

        browser.followLink("Train a model");
        browser.choose("method", "sasrec");
        Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("f-param.maxEpochs")));
        for (String[] param : SMALL_SASREC) {
            browser.type("param." + param[0], param[1]);
        }
        browser.submit("Queue the job");
        assertEquals("Training job queued; the next free worker starts it.", browser.text(".notice"));

        // The job page follows the run live (server-sent events) until the worker has published the model.
        new WebDriverWait(driver, TRAINING).until(ExpectedConditions.textToBe(
                By.cssSelector("[data-field=status]"), "succeeded"));
        long model = Long.parseLong(Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("section[aria-labelledby=model-heading] a"))).getText().replaceAll("\\D+", ""));

        browser.open("/admin/catalogs/" + slug + "/models");
        browser.follow(driver.findElement(By.cssSelector("#model-" + model + " button")));
        Api.admin().get("/api/v1/catalogs/" + slug).then().statusCode(200).body("activeModelId", equalTo((int) model));

        browser.open("/admin/catalogs/" + slug);
        browser.followLink("Try it");
        WebElement add = driver.findElement(By.id("f-add"));
        add.sendKeys("stapler");
        WebElement suggestion = Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#f-add-suggestions [role=option]")));
        String picked = suggestion.getDomAttribute("data-value");
        browser.follow(suggestion);
        assertTrue(browser.text(".history").contains(picked), browser.text(".history"));
        browser.submit("Show recommendations");
        WebElement active = driver.findElement(By.cssSelector("section[aria-labelledby=active-heading]"));
        assertTrue(active.getText().contains("model " + model), active.getText());
        List<WebElement> recommended = active.findElements(By.cssSelector("ol.ranked li"));
        assertFalse(recommended.isEmpty(), "the active model recommends items");
        assertFalse(recommended.get(0).findElement(By.cssSelector(".ranked-title")).getText().isBlank(),
                "recommendations show item titles");
        Browser.screenshot(driver, "try-it-trained", Browser.LAPTOP);
    }

    /** Uploads a file through the catalog page's form and waits for its report. */
    private static void upload(String kind, Path file, String newCount) {
        driver.findElement(By.cssSelector("input[name=kind][value=" + kind + "]")).click();
        driver.findElement(By.id("f-file")).sendKeys(file.toString());
        driver.findElement(By.cssSelector("#upload button[type=submit]")).click();
        WebElement report = new WebDriverWait(driver, Duration.ofMinutes(3)).until(
                ExpectedConditions.visibilityOfElementLocated(By.xpath(
                        "//div[contains(@class,'upload-report')][h3[starts-with(normalize-space(), '"
                                + file.getFileName() + "')]]")));
        assertEquals(newCount, report.findElement(By.cssSelector("dl div:first-child dd")).getText(), report.getText());
    }
}
