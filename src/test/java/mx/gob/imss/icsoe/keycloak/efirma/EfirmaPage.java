package mx.gob.imss.icsoe.keycloak.efirma;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;

/** The "Ingresa con firma electrónica" page in a real Chromium, by the ids of icsoe-efirma.ftl. */
public final class EfirmaPage {

    public static final String FORM = "icsoe-efirma-form";
    private final WebDriver driver;

    public EfirmaPage(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens {@code loginUrl} and follows "Ingresa con firma electrónica". */
    public static EfirmaPage fromLogin(WebDriver driver, String loginUrl) {
        driver.get(loginUrl);
        EfirmaPage page = new EfirmaPage(driver);
        page.await(By.id("icsoe-firma-electronica"));
        page.clickAndWait(By.id("icsoe-firma-electronica"));
        page.await(By.id(FORM));
        return page;
    }

    /**
     * Opens {@code loginUrl}, follows "¿Olvidaste tu contraseña?" and then "Restablece tu contraseña con
     * tu e.firma" under the reset form.
     */
    public static EfirmaPage fromResetPage(WebDriver driver, String loginUrl) {
        driver.get(loginUrl);
        EfirmaPage page = new EfirmaPage(driver);
        page.await(By.id("kc-forgot-password"));
        page.clickAndWait(By.id("kc-forgot-password"));
        page.await(By.id("icsoe-efirma-recovery"));
        page.clickAndWait(By.id("icsoe-efirma-recovery"));
        page.await(By.id(FORM));
        return page;
    }

    public void choose(Path cer, Path key, String password) {
        if (cer != null) {
            driver.findElement(By.id("efirma-cer")).sendKeys(cer.toAbsolutePath().toString());
        }
        if (key != null) {
            driver.findElement(By.id("efirma-key")).sendKeys(key.toAbsolutePath().toString());
        }
        if (password != null) {
            driver.findElement(By.id("efirma-password")).sendKeys(password);
        }
    }

    /** Clicks Ingresar and waits until the page the server answered with is loaded. */
    public void ingresar() {
        clickAndWait(By.id("icsoe-efirma-submit"));
    }

    /** Posts the form's hidden fields with these values, as a client without the page's script could. */
    public void post(Map<String, String> fields) {
        WebElement root = driver.findElement(By.tagName("html"));
        ((JavascriptExecutor) driver).executeScript(
                "var form = document.getElementById(arguments[0]); var fields = arguments[1];"
                        + "Object.keys(fields).forEach(function (n) { form.querySelector('input[name=\"' + n + '\"]').value = fields[n]; });"
                        + "HTMLFormElement.prototype.submit.call(form);", FORM, fields);
        awaitGone(root);
    }

    public String challenge() {
        return driver.findElement(By.id(FORM)).getAttribute("data-challenge");
    }

    public boolean isShown() {
        return !driver.findElements(By.id(FORM)).isEmpty();
    }

    /** The page's message, or empty. */
    public String alert() {
        List<WebElement> alerts = driver.findElements(By.id("icsoe-alert"));
        return alerts.isEmpty() ? "" : alerts.get(0).getText().strip();
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }

    public String label(String inputId) {
        return driver.findElement(By.cssSelector("label[for='" + inputId + "']")).getText().strip();
    }

    private void clickAndWait(By by) {
        WebElement root = driver.findElement(By.tagName("html"));
        driver.findElement(by).click();
        awaitGone(root);
    }

    private void awaitGone(WebElement root) {
        Browsers.awaitNewPage(driver, root, Duration.ofSeconds(60));
    }

    private void await(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(by));
    }
}
