package mx.gob.imss.icsoe.keycloak.testing.pages;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;

/** "Recuperar contraseña": the new-password form reached through the emailed link. */
public final class UpdatePasswordPage {

    private final HtmlPage page;

    public UpdatePasswordPage(HtmlPage page) {
        this.page = page;
        if (page.getElementById("kc-passwd-update-form") == null) {
            throw new AssertionError("Not the new-password page: " + page.getUrl() + "\n" + page.asNormalizedText());
        }
    }

    public static UpdatePasswordPage follow(WebClient web, String link) {
        try {
            return new UpdatePasswordPage(web.getPage(link));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HtmlPage page() {
        return page;
    }

    /** Types the new password twice and presses "Guardar contraseña". */
    public HtmlPage save(String password) {
        return save(password, password);
    }

    /**
     * Types the new password and its confirmation and presses the form's submit: {@code #kc-submit}
     * on the ICSOE page, otherwise the stock form's first submit button, never "Cancel"/"Regresar"
     * ({@code cancel-aia}) of an application-initiated action.
     */
    public HtmlPage save(String password, String confirmation) {
        HtmlInput fresh = page.getHtmlElementById("password-new");
        fresh.setValue(password);
        HtmlInput confirm = page.getHtmlElementById("password-confirm");
        confirm.setValue(confirmation);
        HtmlElement button = page.getElementById("kc-submit") instanceof HtmlElement byId ? byId
                : page.querySelector("#kc-passwd-update-form [type=submit]:not([name=cancel-aia])");
        if (button == null) {
            throw new AssertionError("No submit button on the new-password page: " + page.getUrl());
        }
        try {
            return button.click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
