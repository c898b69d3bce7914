package dev.agentstream.server;

import java.io.File;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through Debian's chromedriver ({@code apt-get install chromium chromium-driver}):
 * both paths are given, so Selenium never looks for or downloads a browser.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Long enough for a loaded 2-core machine; a wait ends as soon as its condition holds. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    final ChromeDriver driver;
    private final ChromeDriverService service;

    Browser() {
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // --no-sandbox: the tests may run as root, where Chromium's own sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--no-first-run", "--disable-extensions", "--remote-allow-origins=*");
        driver = new ChromeDriver(service, options);
    }

    <T> T await(Function<WebDriver, T> condition) {
        // A page that redraws replaces elements under the condition's feet: that is not yet, not a failure.
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class).until(condition);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
