package mx.gob.imss.icsoe.keycloak.testing.pages;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;


/** "Restablecer contraseña": CURP + email form ({@code icsoe-reset-credentials.ftl}), by its contract ids. */
public final class ResetRequestPage {

    private final HtmlPage page;

    public ResetRequestPage(HtmlPage page) {
        this.page = page;
        if (page.getElementById("kc-reset-password-form") == null) {
            throw new AssertionError("Not the reset page: " + page.getUrl() + "\n" + page.asNormalizedText());
        }
    }

    /** Portal login page, then "¿Olvidaste tu contraseña?". */
    public static ResetRequestPage open(WebClient web, String portalLoginUrl) {
        return new ResetRequestPage(LoginPage.open(web, portalLoginUrl).forgotPassword());
    }

    public HtmlPage page() {
        return page;
    }

    /** Fills both fields exactly as given (clearing anything there) and presses Ingresar. */
    public HtmlPage submit(String curp, String email) {
        HtmlInput user = page.getHtmlElementById("username");
        user.setValue(curp);
        HtmlInput mail = page.getHtmlElementById("email");
        mail.setValue(email);
        try {
            HtmlElement button = page.getHtmlElementById("kc-reset-submit");
            return button.click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The request that "Ingresar" would send with both fields filled, for timing the exchange alone
     * ({@code WebClient.loadWebResponse}): the browser's cookies go with it, nothing is parsed.
     */
    public WebRequest submission(String curp, String email) {
        ((HtmlInput) page.getHtmlElementById("username")).setValue(curp);
        ((HtmlInput) page.getHtmlElementById("email")).setValue(email);
        HtmlForm form = page.getHtmlElementById("kc-reset-password-form");
        return form.getWebRequest(page.getHtmlElementById("kc-reset-submit"));
    }

    /** The field's error text: the ICSOE theme's {@code <field>-error}. */
    public String fieldError(String field) {
        var error = page.getElementById(field + "-error");
        return error == null ? null : error.asNormalizedText();
    }

    /** The confirmation text (with any hint the theme adds) when {@code page} is the "sent" page, else an assertion error. */
    public static String sentText(HtmlPage page) {
        var sent = page.getElementById("icsoe-reset-sent");
        if (sent == null) {
            throw new AssertionError("Not the confirmation page: " + page.getUrl() + "\n" + page.asNormalizedText());
        }
        return sent.asNormalizedText();
    }
}
