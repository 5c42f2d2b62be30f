package io.semrec.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the Debian packages {@code chromium} and {@code chromium-driver}, for the
 * admin UI's end-to-end tests. Screenshots are written only when {@code -Dsemrec.screenshots=true}.
 */
public final class Browser {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Dimension LAPTOP = new Dimension(1280, 860);
    public static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Relative to the app module, where Maven runs its tests. */
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    private Browser() {
    }

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static WebDriver start() throws IOException {
        Path profile = Files.createTempDirectory("semrec-chromium-");
        profile.toFile().deleteOnExit();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(LAPTOP);
        return driver;
    }

    public static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    /** Waits until htmx has filled in every part of the page that loads later. */
    public static void awaitLoaded(WebDriver driver) {
        waitFor(driver).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".pending"), 0));
    }

    /**
     * Clicks a link or button and waits until the browser has loaded the page it leads to. The old page
     * is recognised by a marker set on its window, not by an element going stale: while Chromium swaps
     * documents, asking about an old element can fail with errors other than "stale element".
     */
    public static void follow(WebDriver driver, WebElement target) {
        navigate(driver, target::click);
    }

    /** Does what leads to another page (such as a key that makes a script send a form) and waits until it has loaded. */
    public static void navigate(WebDriver driver, Runnable action) {
        String marker = "semrec-" + System.nanoTime();
        ((JavascriptExecutor) driver).executeScript("window.semrecPageMarker = arguments[0]", marker);
        action.run();
        waitFor(driver).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript(
                        "return window.semrecPageMarker !== arguments[0] && document.readyState === 'complete'",
                        marker)));
    }

    public static boolean screenshotsWanted() {
        return Boolean.getBoolean("semrec.screenshots");
    }

    /** Saves the whole page as {@code docs/screenshots/<name>.png} at the given width, if screenshots are wanted. */
    public static void screenshot(WebDriver driver, String name, Dimension viewport) throws IOException {
        if (!screenshotsWanted()) {
            return;
        }
        driver.manage().window().setSize(viewport);
        awaitLoaded(driver);
        // The window is taller than the page's viewport by the browser's own frame: add that back.
        long page = script(driver, "return Math.ceil(document.documentElement.scrollHeight)");
        long frame = viewport.height - script(driver, "return window.innerHeight");
        driver.manage().window().setSize(new Dimension(viewport.width, (int) Math.max(viewport.height, page + frame)));
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        driver.manage().window().setSize(LAPTOP);
    }

    private static long script(WebDriver driver, String script) {
        return ((Number) ((JavascriptExecutor) driver).executeScript(script)).longValue();
    }
}
