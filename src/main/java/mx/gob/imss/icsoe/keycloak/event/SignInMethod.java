package mx.gob.imss.icsoe.keycloak.event;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.authenticators.browser.PasswordFormFactory;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.authentication.authenticators.directgrant.ValidatePassword;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

import mx.gob.imss.icsoe.keycloak.login.IcsoeUsernamePasswordFormFactory;
import mx.gob.imss.icsoe.keycloak.efirma.EfirmaAuthenticatorFactory;
import mx.gob.imss.icsoe.keycloak.IcsoeEventDetails;

/**
 * How the person of a sign-in event ({@code LOGIN}, {@code LOGIN_ERROR}) proved, or failed to prove, who
 * she is: {@value #PASSWORD} or {@value #EFIRMA}. Keycloak's event does not say. The e.firma step marks
 * its sign-in events with {@link IcsoeEventDetails#OUTCOME} (no other step sets it on a sign-in); the
 * authenticators that succeeded in the request's authentication session name a password step; a
 * direct grant names its grant type; and a refusal for the user's credentials or account
 * ({@link #PASSWORD_REFUSALS}) that is not the e.firma step's comes, in the ICSOE realm's flows, from
 * the password form (the running step is not recorded yet when it is refused). Empty otherwise, e.g. a
 * single sign-on from an existing session.
 */
final class SignInMethod {

    static final String PASSWORD = "password";
    static final String EFIRMA = "efirma";

    static final Set<EventType> SIGN_INS = Set.of(EventType.LOGIN, EventType.LOGIN_ERROR);

    private static final Map<String, String> BY_AUTHENTICATOR = Map.of(
            UsernamePasswordFormFactory.PROVIDER_ID, PASSWORD,
            IcsoeUsernamePasswordFormFactory.ID, PASSWORD,
            PasswordFormFactory.PROVIDER_ID, PASSWORD,
            ValidatePassword.PROVIDER_ID, PASSWORD,
            EfirmaAuthenticatorFactory.PROVIDER_ID, EFIRMA);

    /** The refusals Keycloak's password steps send (an OTP step would too: the ICSOE flows have none). */
    static final Set<String> PASSWORD_REFUSALS = Set.of(Errors.INVALID_USER_CREDENTIALS, Errors.USER_NOT_FOUND,
            Errors.USER_DISABLED, Errors.USER_TEMPORARILY_DISABLED);

    private SignInMethod() {
    }

    /** @param authenticators the provider ids of the request's authenticators, most telling first */
    static Optional<String> of(Event event, Stream<String> authenticators) {
        if (event == null || !SIGN_INS.contains(event.getType())) {
            return Optional.empty();
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        if (details.containsKey(IcsoeEventDetails.OUTCOME)) {
            return Optional.of(EFIRMA);
        }
        Optional<String> method = authenticators.filter(Objects::nonNull).map(BY_AUTHENTICATOR::get)
                .filter(Objects::nonNull).findFirst();
        if (method.isPresent()) {
            return method;
        }
        boolean directGrant = OAuth2Constants.PASSWORD.equals(details.get(Details.GRANT_TYPE));
        boolean passwordRefused = event.getType() == EventType.LOGIN_ERROR && event.getError() != null
                && PASSWORD_REFUSALS.contains(event.getError());
        return directGrant || passwordRefused ? Optional.of(PASSWORD) : Optional.empty();
    }
}
