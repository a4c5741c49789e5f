package mx.gob.imss.icsoe.keycloak.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;

import org.htmlunit.WebClient;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The two browsers of the tests: HtmlUnit for flows, Debian's Chromium (headless, through
 * chromedriver) for what needs a real engine. Both ask for Mexican Spanish, as a capturista's browser
 * does. Nothing is ever downloaded: the driver path is explicit and Selenium Manager is not used.
 */
public final class Browsers {

    public static final String ACCEPT_LANGUAGE = "es-MX,es;q=0.9";
    private static final String CHROMIUM = System.getProperty("icsoe.chromium.binary", "/usr/bin/chromium");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CHROMEDRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");

    private Browsers() {
    }

    /** A new HtmlUnit client: JavaScript and CSS off, redirects followed, HTTP errors returned as pages. */
    public static WebClient htmlUnit() {
        WebClient client = new WebClient();
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setRedirectEnabled(true);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setPrintContentOnFailingStatusCode(false);
        client.getOptions().setThrowExceptionOnScriptError(false);
        client.getOptions().setTimeout(60_000);
        client.addRequestHeader("Accept-Language", ACCEPT_LANGUAGE);
        return client;
    }

    /**
     * An HtmlUnit client whose connections come from a random address in 127.0.0.0/8 other than
     * 127.0.0.1. Keycloak (bound to 127.0.0.1) sees it as the client address, so each caller gets its
     * own per-address throttle bucket of the reset step without proxy headers.
     */
    public static WebClient htmlUnitFromOwnAddress() {
        return htmlUnitFrom(randomLoopback());
    }

    /** An HtmlUnit client whose connections come from {@code address}. */
    public static WebClient htmlUnitFrom(InetAddress address) {
        WebClient client = htmlUnit();
        client.getOptions().setLocalAddress(address);
        return client;
    }

    /** A random address in 127.0.0.0/8 other than 127.0.0.1. */
    public static InetAddress randomLoopback() {
        byte[] address = {127, (byte) (1 + RANDOM.nextInt(254)), (byte) RANDOM.nextInt(256), (byte) (2 + RANDOM.nextInt(252))};
        try {
            return InetAddress.getByAddress(address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A headless Chromium at 1280×900. */
    public static WebDriver chromium() {
        return chromium(1280, 900);
    }

    /** A headless Chromium with the given window size, a fresh profile and no background networking. */
    public static WebDriver chromium(int width, int height) {
        return chromium(width, height, false);
    }

    /**
     * As {@link #chromium(int, int)}; with {@code networkLog}, Chromium also keeps its DevTools network
     * events (Selenium's "performance" log), so a test can read exactly what a page posted.
     */
    public static WebDriver chromium(int width, int height, boolean networkLog) {
        File driver = new File(CHROMEDRIVER);
        File binary = new File(CHROMIUM);
        if (!driver.canExecute() || !binary.canExecute()) {
            throw new IllegalStateException("Chromium tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver");
        }
        File profile;
        try {
            profile = Files.createTempDirectory("icsoe-chromium-").toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        profile.deleteOnExit();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                "--disable-dev-shm-usage", "--lang=es-MX", "--user-data-dir=" + profile.getAbsolutePath(),
                "--window-size=" + width + "," + height);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", ACCEPT_LANGUAGE));
        // the console, where Chromium reports Content-Security-Policy violations
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        if (networkLog) {
            logs.enable(LogType.PERFORMANCE, Level.ALL);
        }
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
    /**
     * Waits until the page whose root element is {@code oldRoot} has been replaced, then until the new
     * one has loaded. Take {@code oldRoot} before the click or post that navigates.
     */
    public static void awaitNewPage(WebDriver driver, WebElement oldRoot, Duration timeout) {
        new WebDriverWait(driver, timeout).until(d -> isGone(oldRoot));
        new WebDriverWait(driver, timeout).until(d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether a page's root element has left the document. While Chromium navigates, chromedriver may
     * answer "Node with given id does not belong to the document" as a plain WebDriverException
     * instead of a StaleElementReferenceException (seen in CI, in two test classes): both mean gone.
     */
    private static boolean isGone(WebElement oldRoot) {
        try {
            oldRoot.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }
}
