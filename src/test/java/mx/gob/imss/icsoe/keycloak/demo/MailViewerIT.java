package mx.gob.imss.icsoe.keycloak.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.FreePorts;
import mx.gob.imss.icsoe.keycloak.testing.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** The demo's mail viewer on a phone (360 px): nothing wider than the screen, every column readable. */
class MailViewerIT {

    @Test
    void givenAReceivedEmail_whenTheListIsOpenedAt360Px_thenNothingOverflowsSidewaysAndTheSubjectIsInSight() throws Exception {
        int viewerPort = FreePorts.any();
        try (Mailbox mailbox = new Mailbox(FreePorts.any()); MailViewer viewer = new MailViewer(mailbox, viewerPort)) {
            GreenMailUtil.sendTextEmail("una.capturista.con.correo.largo@contratista-de-servicios.example", "icsoe@imss.gob.mx",
                    "ICSOE: restablece tu contraseña", "Liga", new ServerSetup(mailbox.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            WebDriver browser = Browsers.chromium(360, 740);
            try {
                browser.get("http://localhost:" + viewerPort + "/");
                JavascriptExecutor js = (JavascriptExecutor) browser;
                long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
                long width = ((Number) js.executeScript("return window.innerWidth")).longValue();
                assertThat(scrollWidth).as("page width at %s px", width).isLessThanOrEqualTo(width);
                var subject = browser.findElement(By.linkText("ICSOE: restablece tu contraseña"));
                double right = ((Number) js.executeScript("return arguments[0].getBoundingClientRect().right", subject)).doubleValue();
                assertThat(right).as("the subject's right edge").isLessThanOrEqualTo(width);
                assertThat(subject.getAttribute("href")).endsWith("/message/0");
            } finally {
                browser.quit();
            }
        }
    }
}
