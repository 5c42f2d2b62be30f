package io.semrec.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * One headless Chromium for all tests of a class ({@code @RegisterExtension static}); the class is
 * skipped where Chromium is not installed.
 */
public final class ChromiumExtension implements BeforeAllCallback, AfterAllCallback {

    private WebDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assumeTrue(Browser.installed(), "needs the Debian packages chromium and chromium-driver");
        driver = Browser.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    public WebDriver driver() {
        return driver;
    }
}
