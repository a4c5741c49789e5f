package mx.gob.imss.icsoe.keycloak.testing.pages;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;

/** The realm's login page ("Inicio de sesión"), through Keycloak's stable element ids. */
public final class LoginPage {

    private final HtmlPage page;

    private LoginPage(HtmlPage page) {
        this.page = page;
    }

    public static LoginPage open(WebClient client, String loginUrl) {
        try {
            return new LoginPage(client.getPage(loginUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LoginPage of(HtmlPage page) {
        return new LoginPage(page);
    }

    public HtmlPage page() {
        return page;
    }

    /** Types the CURP and password exactly as given and presses the login button; returns where it lands. */
    public HtmlPage logIn(String username, String password) {
        HtmlInput user = page.getHtmlElementById("username");
        user.setValue(username);
        HtmlInput secret = page.getHtmlElementById("password");
        secret.setValue(password);
        try {
            HtmlElement button = page.getHtmlElementById("kc-login");
            return button.click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The request that "Ingresar" would send with these values, for timing the exchange alone
     * ({@code WebClient.loadWebResponse}): the browser's cookies go with it, nothing is parsed.
     */
    public WebRequest submission(String username, String password) {
        ((HtmlInput) page.getHtmlElementById("username")).setValue(username);
        ((HtmlInput) page.getHtmlElementById("password")).setValue(password);
        HtmlForm form = page.getHtmlElementById("kc-form-login");
        return form.getWebRequest(page.getHtmlElementById("kc-login"));
    }

    /** Follows "¿Olvidaste tu contraseña?" to the reset page. */
    public HtmlPage forgotPassword() {
        try {
            return page.getAnchors().stream()
                    .filter(a -> a.getHrefAttribute().contains("login-actions/reset-credentials"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No reset-credentials link on the login page"))
                    .click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return page.asNormalizedText();
    }
}
