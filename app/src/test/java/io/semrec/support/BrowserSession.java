package io.semrec.support;

import java.net.URL;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** An operator at the admin UI in a {@link Browser}: opening pages, filling in forms by field name, reading them. */
public final class BrowserSession {

    private final WebDriver driver;
    private final String root;

    public BrowserSession(WebDriver driver, URL root) {
        this.driver = driver;
        this.root = root.toString().replaceAll("/$", "");
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(root + path);
    }

    /** Signs in afresh as the test admin. */
    public void signIn() {
        open("/admin/sign-in");
        driver.manage().deleteAllCookies();
        open("/admin/sign-in");
        driver.findElement(By.id("username")).sendKeys(AdminUi.USER);
        driver.findElement(By.id("password")).sendKeys(AdminUi.PASSWORD);
        submit("Sign in");
        Browser.waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".main-nav")));
    }

    /** Replaces the text of the form field named {@code field}. */
    public void type(String field, String text) {
        WebElement input = driver.findElement(By.id("f-" + field));
        input.clear();
        input.sendKeys(text);
    }

    public void choose(String field, String value) {
        new Select(driver.findElement(By.id("f-" + field))).selectByValue(value);
    }

    /** What the form field shows: an input's text or a select's chosen value. */
    public String value(String field) {
        return driver.findElement(By.id("f-" + field)).getDomProperty("value");
    }

    public String fieldError(String field) {
        return driver.findElement(By.id("f-" + field + "-error")).getText().replaceFirst("^Error:\\s*", "");
    }

    public String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** Presses the submit button with this label and waits for the next page. */
    public void submit(String label) {
        follow(driver.findElements(By.cssSelector("button[type=submit]")).stream()
                .filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + label + "'")));
    }

    /** Clicks a link or button and waits for the page it leads to. */
    public void follow(WebElement target) {
        Browser.follow(driver, target);
    }

    public void followLink(String text) {
        follow(driver.findElement(By.linkText(text)));
    }

    /** Leaves a mark on the page that a reload would wipe out. */
    public void markPage() {
        ((JavascriptExecutor) driver).executeScript("window.semrecSamePage = true;");
    }

    /** Whether the page is still the one {@link #markPage()} marked. */
    public boolean stillMarked() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return window.semrecSamePage === true;"));
    }
}
