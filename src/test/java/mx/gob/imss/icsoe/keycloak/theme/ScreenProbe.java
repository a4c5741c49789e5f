package mx.gob.imss.icsoe.keycloak.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;

/**
 * What the theme ITs measure on every screen, in a real Chromium: the page weight (document plus
 * every resource, decoded bytes, cache off), that no request leaves the Keycloak host, axe-core's
 * verdict at desktop and phone widths, and full-page screenshots at 1280 px and 360 px.
 */
final class ScreenProbe {

    static final int DESKTOP = 1280;
    static final int PHONE = 360;
    static final long BUDGET_BYTES = 150 * 1024;

    static final Path SCREENSHOTS = Path.of(System.getProperty("icsoe.screenshots.dir", "target/screenshots"));

    /** One weighed page: total decoded bytes and the bytes per resource. */
    record Weight(String screen, long bytes, Map<String, Long> parts) {
    }

    /** Screen name → weight, in the order the ITs met them (shared by the IT classes of a run). */
    static final Map<String, Weight> WEIGHTS = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    private ScreenProbe() {
    }

    /** A Chromium with the HTTP cache off, so every page load counts every byte it needs. */
    static WebDriver browser() {
        WebDriver driver = Browsers.chromium(DESKTOP, 900);
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        return driver;
    }

    static void clearCookies(WebDriver driver) {
        ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** Weighs, checks and photographs the current page; the page must be freshly loaded. */
    static Weight record(WebDriver driver, String screen, String keycloakBaseUrl) {
        Weight weight = weigh(driver, screen, keycloakBaseUrl);
        assertNoPolicyViolation(driver, screen);
        assertThat(weight.bytes()).as("weight of %s: %s", screen, weight.parts()).isLessThanOrEqualTo(BUDGET_BYTES);
        assertAccessible(driver, screen + " @" + DESKTOP);
        screenshot(driver, screen, DESKTOP);
        viewport(driver, PHONE, 740);
        try {
            assertAccessible(driver, screen + " @" + PHONE);
        } finally {
            resetViewport(driver);
        }
        screenshot(driver, screen, PHONE);
        return weight;
    }

    /**
     * Sum of decodedBodySize of the navigation and of every resource once fonts are in; fails if a
     * resource came from anywhere but {@code keycloakBaseUrl}.
     */
    @SuppressWarnings("unchecked")
    static Weight weigh(WebDriver driver, String screen, String keycloakBaseUrl) {
        List<Object> entries = (List<Object>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "document.fonts.ready.then(() => setTimeout(() => {"
                        + "  const nav = performance.getEntriesByType('navigation')[0];"
                        + "  const all = [[nav.name, nav.decodedBodySize]];"
                        + "  performance.getEntriesByType('resource').forEach(r => all.push([r.name, r.decodedBodySize]));"
                        + "  done(all);"
                        + "}, 300));");
        Map<String, Long> parts = new TreeMap<>();
        long total = 0;
        List<String> foreign = new ArrayList<>();
        for (Object entry : entries) {
            List<Object> pair = (List<Object>) entry;
            String name = String.valueOf(pair.get(0));
            long bytes = ((Number) pair.get(1)).longValue();
            if (!name.startsWith(keycloakBaseUrl + "/")) {
                foreign.add(name);
            }
            parts.merge(shortName(name), bytes, Long::sum);
            total += bytes;
        }
        assertThat(foreign).as("requests of %s that leave the Keycloak host", screen).isEmpty();
        Weight weight = new Weight(screen, total, parts);
        WEIGHTS.put(screen, weight);
        return weight;
    }

    /**
     * Nothing the realm's Content-Security-Policy blocked since the last look: Chromium reports every
     * refused script, style or frame on its console. (Reading the console empties it.) Keycloak's
     * account console, where the tests' portal lands after a login, is not an ICSOE screen and needs
     * inline scripts (README, "Security considerations"): its reports are left out.
     */
    static void assertNoPolicyViolation(WebDriver driver, String where) {
        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .filter(m -> !m.matches("(?s)^\\S+/realms/[^/]+/account(/|\\?)\\S*\\s.*"))
                .toList();
        assertThat(violations).as("Content-Security-Policy violations reported on %s", where).isEmpty();
    }

    static void assertAccessible(WebDriver driver, String where) {
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> violations = results.getViolations();
        assertThat(violations)
                .as("axe-core violations on %s:%n%s", where, violations.stream()
                        .map(r -> r.getId() + " (" + r.getImpact() + "): " + r.getHelp() + " → "
                                + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                        .collect(Collectors.joining("\n")))
                .isEmpty();
        assertThat(results.getPasses()).as("axe-core ran rules on %s", where).isNotEmpty();
    }

    /** Lays the page out at {@code width} px (CSS pixels, scale 1), as a phone or desktop would. */
    static void viewport(WebDriver driver, int width, int height) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    static void resetViewport(WebDriver driver) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** A full-page PNG at {@code width} px: {@code <screen>-<width>.png}. */
    static Path screenshot(WebDriver driver, String screen, int width) {
        ChromeDriver chrome = (ChromeDriver) driver;
        try {
            viewport(driver, width, 800);
            long height = ((Number) chrome.executeScript(
                    "return Math.ceil(document.documentElement.scrollHeight);")).longValue();
            int h = (int) Math.max(600, Math.min(height, 4000));
            viewport(driver, width, h);
            Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
            byte[] png = java.util.Base64.getDecoder().decode(String.valueOf(shot.get("data")));
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(screen + "-" + width + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            resetViewport(driver);
        }
    }

    /** Writes an email's HTML part to a file and photographs it at both widths. */
    static void screenshotEmail(WebDriver driver, String name, String html) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = Files.createTempFile("icsoe-email-", ".html");
            Files.writeString(file, html);
            driver.get(file.toUri().toString());
            screenshot(driver, name, PHONE);
            screenshot(driver, name, DESKTOP);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The weights of this run as a Markdown table (also written next to the screenshots). */
    static String weightTable(Weight stock) {
        StringBuilder out = new StringBuilder("| screen | bytes (decoded) | vs keycloak.v2 login | ratio |\n| --- | ---: | ---: | ---: |\n");
        synchronized (WEIGHTS) {
            for (Weight w : WEIGHTS.values()) {
                if (stock != null && w.screen().equals(stock.screen())) {
                    continue;
                }
                out.append("| ").append(w.screen()).append(" | ").append(w.bytes()).append(" | ")
                        .append(stock == null ? "?" : String.valueOf(stock.bytes())).append(" | ")
                        .append(stock == null ? "?" : String.format(java.util.Locale.ROOT, "1 : %.1f", (double) stock.bytes() / w.bytes()))
                        .append(" |\n");
            }
        }
        if (stock != null) {
            out.append("| ").append(stock.screen()).append(" | ").append(stock.bytes()).append(" | | |\n");
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.writeString(SCREENSHOTS.resolve("weights.md"), out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String shortName(String url) {
        String path = url.replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", "");
        int slash = path.lastIndexOf('/');
        return path.contains("/resources/") && slash >= 0 ? path.substring(slash + 1) : "(document)";
    }
}
