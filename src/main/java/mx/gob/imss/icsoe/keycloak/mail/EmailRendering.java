package mx.gob.imss.icsoe.keycloak.mail;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.keycloak.email.EmailException;
import org.keycloak.email.freemarker.FreeMarkerEmailTemplateProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Keycloak's own email rendering (the realm's email theme, its message bundles, the user's locale),
 * stopped where Keycloak would hand the result to its sender: the outbox sends it instead, with a
 * Message-ID of its own and the relay's reply in hand. Use it as Keycloak's
 * {@code EmailTemplateProvider} ({@code setRealm}, {@code setUser}, {@code sendPasswordReset} or
 * {@code send}), then take {@link #rendered()}.
 */
public final class EmailRendering extends FreeMarkerEmailTemplateProvider {

    private RenderedEmail rendered;

    public EmailRendering(KeycloakSession session) {
        super(session);
    }

    /** Where Keycloak's template provider sends: keep what it would have sent. */
    @Override
    protected void send(Map<String, String> config, String subject, String textBody, String htmlBody, String address)
            throws EmailException {
        String to = address != null ? address : user == null ? null : user.getEmail();
        if (to == null || to.isBlank()) {
            throw new EmailException("No email address to render for");
        }
        rendered = new RenderedEmail(Collections.unmodifiableMap(new HashMap<>(config)), to, subject, textBody, htmlBody);
    }

    /** @throws IllegalStateException when nothing was rendered yet */
    public RenderedEmail rendered() {
        if (rendered == null) {
            throw new IllegalStateException("no email rendered");
        }
        return rendered;
    }
}
