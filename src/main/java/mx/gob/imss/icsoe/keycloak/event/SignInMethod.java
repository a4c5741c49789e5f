package mx.gob.imss.icsoe.keycloak.event;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.authenticators.browser.PasswordFormFactory;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.authentication.authenticators.directgrant.ValidatePassword;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

import mx.gob.imss.icsoe.keycloak.efirma.EfirmaAuthenticatorFactory;

/**
 * How the person of a sign-in event ({@code LOGIN}, {@code LOGIN_ERROR}) proved, or failed to prove, who
 * she is: {@value #PASSWORD} or {@value #EFIRMA}. Keycloak's event does not say; the authenticators of
 * the request's authentication session do (the one running, then those that succeeded), and a direct
 * grant names its grant type. Empty when none of them is a password or e.firma step, e.g. a single
 * sign-on from an existing session.
 */
final class SignInMethod {

    static final String PASSWORD = "password";
    static final String EFIRMA = "efirma";

    static final Set<EventType> SIGN_INS = Set.of(EventType.LOGIN, EventType.LOGIN_ERROR);

    private static final Map<String, String> BY_AUTHENTICATOR = Map.of(
            UsernamePasswordFormFactory.PROVIDER_ID, PASSWORD,
            PasswordFormFactory.PROVIDER_ID, PASSWORD,
            ValidatePassword.PROVIDER_ID, PASSWORD,
            EfirmaAuthenticatorFactory.PROVIDER_ID, EFIRMA);

    private SignInMethod() {
    }

    /** @param authenticators the provider ids of the request's authenticators, most telling first */
    static Optional<String> of(Event event, Stream<String> authenticators) {
        if (event == null || !SIGN_INS.contains(event.getType())) {
            return Optional.empty();
        }
        Optional<String> method = authenticators.map(BY_AUTHENTICATOR::get).filter(m -> m != null).findFirst();
        if (method.isPresent()) {
            return method;
        }
        boolean directGrant = event.getDetails() != null
                && OAuth2Constants.PASSWORD.equals(event.getDetails().get(Details.GRANT_TYPE));
        return directGrant ? Optional.of(PASSWORD) : Optional.empty();
    }
}
