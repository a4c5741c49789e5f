package mx.gob.imss.icsoe.keycloak.efirma;

import mx.gob.imss.icsoe.keycloak.UserlessStep;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.DefaultActionTokenKey;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

import mx.gob.imss.icsoe.keycloak.curp.Curp;
import mx.gob.imss.icsoe.keycloak.IcsoeEventDetails;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.privacy.SubjectHasher;
import mx.gob.imss.icsoe.keycloak.resetcred.ClientAddress;
import mx.gob.imss.icsoe.keycloak.resetcred.SlotThrottle;

/**
 * "Ingresa con firma electrónica": an alternative to CURP + password in the browser flow.
 * <p>
 * The page carries a one-time challenge (auth-session notes). The browser decrypts the SAT key
 * locally, signs the challenge and posts only the certificate and the signature, or the code of a
 * problem it found itself. This step consumes the challenge (notes removed, value marked used in the
 * cluster's single-use store), lets {@link EfirmaVerifier} check certificate, chain and signature, and
 * maps the certificate's CURP to the user whose username it is. Every outcome is an event. A refusal
 * does the same work whether the certificate's CURP is registered or not: a signature that does not
 * verify looks nobody up and counts against nobody (an RSA key cannot be guessed online; counting let
 * anyone holding a public certificate lock its owner out); what such posts cost is bounded per client
 * address instead. Every post also counts once in
 * {@link IcsoeMetrics#EFIRMA_SIGNINS}: {@code success} or the problem's code.
 */
final class EfirmaAuthenticator implements UserlessStep {

    /** Prefix of the per-address slots in Keycloak's single-use store (cluster-wide, nothing in JVM memory). */
    static final String ADDRESS_KEY_PREFIX = "icsoe-efirma:a:";

    static final String TEMPLATE = "icsoe-efirma.ftl";
    static final String FIELD_CERTIFICATE = "certificate";
    static final String FIELD_SIGNATURE = "signature";
    static final String FIELD_CHALLENGE = "challenge";
    static final String FIELD_ERROR = "error";
    static final String USED_PREFIX = "icsoe-efirma-used:";

    private final CrlCache crls;
    private final boolean recovery;

    /**
     * {@code recovery}: the step of the reset-credentials flow ("Restablece tu contraseña con tu
     * e.firma"): the same page, files, script and checks, and on success the person goes straight to
     * the new password instead of being signed in.
     */
    EfirmaAuthenticator(CrlCache crls, boolean recovery) {
        this.crls = crls;
        this.recovery = recovery;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(page(context, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.removeAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
        EfirmaChallenge issued = EfirmaChallenge.fromNotes(authSession.getAuthNote(EfirmaChallenge.NOTE_VALUE),
                authSession.getAuthNote(EfirmaChallenge.NOTE_ISSUED_AT));
        authSession.removeAuthNote(EfirmaChallenge.NOTE_VALUE);
        authSession.removeAuthNote(EfirmaChallenge.NOTE_ISSUED_AT);

        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Optional<EfirmaProblem> reported = EfirmaProblem.fromBrowser(form.getFirst(FIELD_ERROR));
        if (reported.isPresent()) {
            refuse(context, reported.get(), null);
            return;
        }
        EfirmaConfig config = EfirmaConfig.from(UserlessStep.configOf(context));
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        String posted = form.getFirst(FIELD_CHALLENGE);
        if (issued == null || !issued.accepts(posted, now, config.challengeLifetime())
                || !context.getSession().singleUseObjects().putIfAbsent(USED_PREFIX + issued.value(),
                        config.challengeLifetime().toSeconds())) {
            refuse(context, EfirmaProblem.CHALLENGE_EXPIRED, null);
            return;
        }

        if (!withinAddressLimit(context, config)) {
            refuse(context, EfirmaProblem.THROTTLED, null);
            return;
        }
        String certificate = form.getFirst(FIELD_CERTIFICATE);
        if (certificate != null && certificate.length() > base64Length(EfirmaCertificate.MAX_BYTES)) {
            refuse(context, EfirmaProblem.FILE_TOO_LARGE, null);
            return;
        }
        EfirmaVerifier verifier = new EfirmaVerifier(() -> TrustAnchors.of(config), config, crls,
                ConfigWarnings.forRealm(context.getRealm().getName()));
        EfirmaVerifier.Outcome outcome = verifier.verify(decode(certificate), decode(form.getFirst(FIELD_SIGNATURE)),
                issued.value(), Date.from(now));
        if (!outcome.ok()) {
            // A signature that does not verify counts against nobody and looks nobody up: a public
            // certificate (SAT serves anyone's by RFC) would otherwise lock its owner out, and the extra
            // look-up made a registered CURP's refusal slower than an unknown one's.
            refuse(context, outcome.problem(), outcome.curp());
            return;
        }
        if (recovery) {
            recover(context, outcome.curp());
        } else {
            signIn(context, outcome.curp());
        }
    }

    /**
     * The reset flow's ending for a proven e.firma: a registered, enabled capturista goes on to
     * Keycloak's reset-password step ("Recuperar contraseña"). Unknown and disabled get one refusal,
     * same page, same message, after the same look-up. The notes let Keycloak's "send reset email" step
     * behind this one pass without an email (its note for "authenticated by other means", as after a
     * reset link) and end the flow on "Contraseña actualizada" after the change (as its force-login
     * does), and tell the password-updated email that the e.firma made the change.
     */
    private void recover(AuthenticationFlowContext context, Curp curp) {
        UserModel user = context.getSession().users().getUserByUsername(context.getRealm(), curp.username());
        if (user == null || !user.isEnabled()) {
            if (user != null) {
                context.getEvent().user(user);
            }
            refuse(context, EfirmaProblem.NO_RECOVERY, curp);
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthNote(DefaultActionTokenKey.ACTION_TOKEN_USER_ID, user.getId());
        authSession.setAuthNote(AuthenticationManager.END_AFTER_REQUIRED_ACTIONS, "true");
        authSession.setAuthNote(EfirmaRecoveryAuthenticatorFactory.RECOVERY_NOTE, "true");
        context.getEvent().user(user).detail(IcsoeEventDetails.OUTCOME, "efirma_recovery")
                .detail(IcsoeEventDetails.SUBJECT, subject(context, curp));
        IcsoeMetrics.global().efirmaSignedIn(context.getRealm().getName());
        context.setUser(user);
        context.success();
    }

    /**
     * Every post that reaches the server's checks takes a slot of its client address's limit, the
     * mechanism of the reset step ({@link SlotThrottle}, in Keycloak's single-use store): what a stranger
     * with a public certificate can cost is bounded per address, and no person's counter is touched.
     */
    private static boolean withinAddressLimit(AuthenticationFlowContext context, EfirmaConfig config) {
        String address = ClientAddress.bucket(context.getConnection().getRemoteAddr());
        String key = ADDRESS_KEY_PREFIX + SubjectHasher.forRealm(context.getSession(), context.getRealm()).hash("ip", address);
        return new SlotThrottle(context.getSession().singleUseObjects())
                .tryAcquire(key, config.postsPerAddress(), config.addressWindow());
    }

    private void signIn(AuthenticationFlowContext context, Curp curp) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = session.users().getUserByUsername(realm, curp.username());
        if (user == null) {
            refuse(context, EfirmaProblem.NO_ACCOUNT, curp);
        } else if (!user.isEnabled()) {
            context.getEvent().user(user);
            refuse(context, EfirmaProblem.ACCOUNT_DISABLED, curp);
        } else if (AuthenticatorUtils.getDisabledByBruteForceEventError(context, user) != null) {
            context.getEvent().user(user);
            refuse(context, EfirmaProblem.ACCOUNT_LOCKED, curp);
        } else {
            context.getEvent().user(user).detail(IcsoeEventDetails.OUTCOME, "efirma").detail(IcsoeEventDetails.SUBJECT, subject(context, curp));
            IcsoeMetrics.global().efirmaSignedIn(realm.getName());
            context.setUser(user);
            context.success();
        }
    }

    private void refuse(AuthenticationFlowContext context, EfirmaProblem problem, Curp curp) {
        event(context, problem, curp).error(problem.eventError());
        IcsoeMetrics.global().efirmaRefused(context.getRealm().getName(), problem);
        context.challenge(page(context, problem));
    }

    private static EventBuilder event(AuthenticationFlowContext context, EfirmaProblem problem, Curp curp) {
        EventBuilder event = context.getEvent().clone().detail(IcsoeEventDetails.OUTCOME, problem.code());
        return curp == null ? event : event.detail(IcsoeEventDetails.SUBJECT, subject(context, curp));
    }

    private static String subject(AuthenticationFlowContext context, Curp curp) {
        return SubjectHasher.forRealm(context.getSession(), context.getRealm()).hash("curp", curp.value());
    }

    /** The page with a fresh challenge (the previous one, if any, is gone). */
    private Response page(AuthenticationFlowContext context, EfirmaProblem problem) {
        EfirmaChallenge challenge = EfirmaChallenge.issue(Instant.ofEpochMilli(Time.currentTimeMillis()));
        context.getAuthenticationSession().setAuthNote(EfirmaChallenge.NOTE_VALUE, challenge.value());
        context.getAuthenticationSession().setAuthNote(EfirmaChallenge.NOTE_ISSUED_AT, challenge.issuedAtNote());
        var form = context.form().setAttribute("efirmaChallenge", challenge.value())
                .setAttribute("efirmaRecovery", recovery)
                .setAttribute("efirmaMaxBytes", EfirmaCertificate.MAX_BYTES);
        if (problem != null) {
            form.setError(problem.messageKey());
        }
        return form.createForm(TEMPLATE);
    }

    private static byte[] decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int base64Length(int bytes) {
        return (bytes + 2) / 3 * 4;
    }
}
