package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.RealmAttributes;
import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;

/** The reset ITs' shared steps: the texts they expect, fresh requests and links, realm settings, events. */
public final class ResetItSupport {

    public static final String SENT_TEXT = "La liga para restablecer tu contraseña fue enviada al correo electrónico registrado";
    public static final String LINK_GONE_TEXT = "Esta liga ya no es válida: caducó o ya fue utilizada.";
    static final String SUPERSEDED_TEXT = "Esta liga ya no es válida: solicitaste una más reciente o tu contraseña ya se cambió.";
    /** Long enough for a background send to GreenMail to have landed if one had been made. */
    static final Duration NO_MAIL_GRACE = Duration.ofSeconds(3);
    static final String FLOW = "icsoe reset credentials";
    static final String LIFESPAN_ATTRIBUTE = "actionTokenGeneratedByUserLifespan.reset-credentials";
    private static final Pattern PER_REQUEST = Pattern.compile(
            "(session_code|execution|tab_id|client_data|code|state|nonce|kc_locale|auth_session_id)=[^&\"'\\s<]*");

    private ResetItSupport() {
    }

    static WebClient browser() {
        return Browsers.htmlUnitFromOwnAddress();
    }

    /** The page's HTML with per-request values (codes, tab ids, ...) blanked, for byte comparison. */
    static String normalised(HtmlPage page) {
        return PER_REQUEST.matcher(page.getWebResponse().getContentAsString()).replaceAll("$1=X");
    }

    // --- realm settings, always restored by the caller ---

    static String resetLifespan(RealmResource realm) {
        return RealmAttributes.get(realm, LIFESPAN_ATTRIBUTE);
    }

    static void setResetLifespan(RealmResource realm, String seconds) {
        RealmAttributes.set(realm, LIFESPAN_ATTRIBUTE, seconds);
    }

    /** The reset step's AuthenticatorConfig in the realm's flow. */
    public static AuthenticatorConfigRepresentation throttleConfig(RealmResource realm) {
        AuthenticationExecutionInfoRepresentation step = realm.flows().getExecutions(FLOW).stream()
                .filter(e -> IcsoeResetCredentialsAuthenticatorFactory.PROVIDER_ID.equals(e.getProviderId()))
                .findFirst().orElseThrow(() -> new AssertionError("reset step not in flow " + FLOW));
        return realm.flows().getAuthenticatorConfig(step.getAuthenticationConfig());
    }

    public static void updateThrottleConfig(RealmResource realm, AuthenticatorConfigRepresentation config) {
        realm.flows().updateAuthenticatorConfig(config.getId(), config);
    }

    /**
     * Turns on storing of login events for the tests that read them through the admin API (the realm
     * file leaves storage off: events go to the log listener); returns the previous setting.
     */
    static boolean storeEvents(RealmResource realm, boolean enabled) {
        RealmEventsConfigRepresentation config = realm.getRealmEventsConfig();
        boolean before = Boolean.TRUE.equals(config.isEventsEnabled());
        config.setEventsEnabled(enabled);
        realm.updateRealmEventsConfig(config);
        return before;
    }

    // --- the request form, fresh each time ---

    static HtmlPage submitFresh(IcsoeKeycloak kc, String curp, String email) {
        try (WebClient web = browser()) {
            return ResetRequestPage.open(web, kc.portalLoginUrl()).submit(curp, email);
        }
    }

    static String requestLink(IcsoeKeycloak kc, Capturista capturista) {
        return requestLink(kc, capturista, kc.mailbox().messagesTo(capturista.email()).size() + 1);
    }

    static String requestLink(IcsoeKeycloak kc, Capturista capturista, int expectedCount) {
        assertThat(ResetRequestPage.sentText(submitFresh(kc, capturista.curp(), capturista.email()))).startsWith(SENT_TEXT);
        var messages = kc.mailbox().awaitMessagesTo(capturista.email(), expectedCount, Duration.ofSeconds(20));
        return messages.get(expectedCount - 1).linkContaining("action-token");
    }

    /** Waits for a {@code type} event of {@code userId} with {@code error} (null: a success). */
    static void awaitEvent(IcsoeKeycloak kc, String type, String userId, String error) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (ResetItSupport.events(kc.realm(), type, userId).stream().anyMatch(e -> Objects.equals(error, e.getError()))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No " + type + "/" + error + " event for " + userId + ": "
                + ResetItSupport.events(kc.realm(), type, userId));
    }
    static List<EventRepresentation> events(RealmResource realm, String type, String userId) {
        return realm.getEvents(List.of(type), null, userId, null, null, null, 0, 50);
    }
}
