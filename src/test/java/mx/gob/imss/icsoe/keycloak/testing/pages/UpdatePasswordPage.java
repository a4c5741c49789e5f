package mx.gob.imss.icsoe.keycloak.resetcred;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;

/** "Recuperar contraseña": the new-password form reached through the emailed link. */
final class UpdatePasswordPage {

    private final HtmlPage page;

    UpdatePasswordPage(HtmlPage page) {
        this.page = page;
        if (page.getElementById("kc-passwd-update-form") == null) {
            throw new AssertionError("Not the new-password page: " + page.getUrl() + "\n" + page.asNormalizedText());
        }
    }

    static UpdatePasswordPage follow(WebClient web, String link) {
        try {
            return new UpdatePasswordPage(web.getPage(link));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HtmlPage page() {
        return page;
    }

    /** Types the new password twice and presses "Guardar contraseña" (id kc-submit, or the form's submit). */
    HtmlPage save(String password) {
        HtmlInput fresh = page.getHtmlElementById("password-new");
        fresh.setValue(password);
        HtmlInput confirm = page.getHtmlElementById("password-confirm");
        confirm.setValue(password);
        try {
            HtmlElement button = page.getElementById("kc-submit") instanceof HtmlElement byId ? byId
                    : ((HtmlForm) page.getHtmlElementById("kc-passwd-update-form")).getFirstByXPath(".//*[@type='submit']");
            return button.click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
