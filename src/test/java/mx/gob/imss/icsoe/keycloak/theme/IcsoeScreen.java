package mx.gob.imss.icsoe.keycloak.theme;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;

/**
 * Any screen of the icsoe login theme, in Chromium: the title block, the page title, its lead text,
 * fields by id (with their labels, hints and errors) and the buttons, through the theme's stable ids.
 */
final class IcsoeScreen {

    private final WebDriver driver;

    IcsoeScreen(WebDriver driver) {
        this.driver = driver;
    }

    WebDriver driver() {
        return driver;
    }

    String title() {
        return text(By.id("kc-page-title"));
    }

    String lead() {
        return text(By.cssSelector(".icsoe-lead"));
    }

    String appName() {
        return text(By.cssSelector(".icsoe-app__name")) + " " + text(By.cssSelector(".icsoe-app__desc"));
    }

    String header() {
        return text(By.cssSelector("header.icsoe-gob"));
    }

    String footer() {
        return text(By.cssSelector("footer.icsoe-footer"));
    }

    /** The visible label of the input with this id, e.g. "Usuario*:". */
    String label(String inputId) {
        return text(By.cssSelector("label[for='" + inputId + "']"));
    }

    String text(String id) {
        return text(By.id(id));
    }

    String body() {
        return driver.findElement(By.tagName("body")).getText();
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    String attribute(String id, String name) {
        return element(id).getAttribute(name);
    }

    void type(String id, String value) {
        WebElement input = element(id);
        input.clear();
        input.sendKeys(value);
    }

    void click(String id) {
        element(id).click();
    }

    /** Clicks a control that loads a new page and waits until the old page is gone. */
    void submit(String id) {
        WebElement page = driver.findElement(By.tagName("html"));
        element(id).click();
        awaitGone(page);
    }

    /** Waits (up to 30 s) until the page whose root element is {@code oldRoot} has been replaced and loaded. */
    void awaitGone(WebElement oldRoot) {
        Browsers.awaitNewPage(driver, oldRoot, java.time.Duration.ofSeconds(30));
    }

    /** Waits (up to 20 s) for an element to appear after a navigation; fails with the page text. */
    IcsoeScreen await(String id) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.id(id)).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no #" + id + " on " + driver.getCurrentUrl() + ":\n" + body(), e);
        }
        return this;
    }

    /** Texts of the rules list of the new-password page, in order. */
    List<String> rules() {
        return driver.findElements(By.cssSelector("#icsoe-rules-list .icsoe-rule__text")).stream()
                .map(WebElement::getText).toList();
    }

    /** data-rule ids of the ticked rules. */
    List<String> tickedRules() {
        return driver.findElements(By.cssSelector("#icsoe-rules-list .icsoe-rule--done")).stream()
                .map(li -> li.getAttribute("data-rule")).toList();
    }

    /** The element that has the keyboard focus, by id. */
    String focusedId() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return document.activeElement && document.activeElement.id"));
    }

    private String text(By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? "" : found.get(0).getText().trim();
    }
}
