package mx.gob.imss.icsoe.keycloak.updatepassword;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.requiredactions.UpdatePassword;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.services.util.ResolveRelative;
import org.keycloak.sessions.AuthenticationSessionModel;

import mx.gob.imss.icsoe.keycloak.efirma.EfirmaRecoveryAuthenticatorFactory;
import mx.gob.imss.icsoe.keycloak.policy.IcsoePasswordRulesView;
import mx.gob.imss.icsoe.keycloak.resetcred.ResetLinkSubmit;

/**
 * Keycloak's {@code UPDATE_PASSWORD} required action, same id, registered with a higher
 * {@link #order()} so Keycloak picks it over the built-in one. It adds three things:
 * <ul>
 *   <li>the realm's password rules as form attributes for the ICSOE page's checklist;</li>
 *   <li>on a form reached through a reset link, the link's checks made again at the submit
 *       ({@link ResetLinkSubmit}): a form left open must not override a newer reset;</li>
 *   <li>on a form reached through a recovery with the e.firma, the request is marked so for the
 *       password-updated email (session attribute {@value EfirmaRecoveryAuthenticatorFactory#RECOVERY_NOTE});</li>
 *   <li>after a successful change, in a realm whose {@code UPDATE_PASSWORD} configuration has
 *       {@value #END_OTHER_SESSIONS} = {@code true} (admin console: Authentication → Required actions;
 *       the ICSOE realm file sets it), every other session of the user ends, offline sessions too,
 *       whatever the "sign out other devices" box said. Other realms on the same server keep
 *       Keycloak's behaviour: only the box decides;</li>
 *   <li>when the flow ends after the change (the reset flow's force-login), the "Contraseña
 *       actualizada" page gets an Aceptar target ({@value #ACCEPT_URL}) and its marker attribute.</li>
 * </ul>
 */
public final class IcsoeUpdatePassword extends UpdatePassword {

    private static final Logger LOG = Logger.getLogger(IcsoeUpdatePassword.class);

    /** Above the built-in factory's default 0: two factories share the id, the higher order wins. */
    static final int ORDER = 100;

    public static final String RULES_ATTRIBUTE = "icsoePasswordRules";
    public static final String RULES_JSON_ATTRIBUTE = "icsoePasswordRulesJson";
    public static final String UPDATED_ATTRIBUTE = "icsoePasswordUpdated";
    public static final String ACCEPT_URL = "acceptUrl";
    static final String LOGOUT_SESSIONS_FIELD = "logout-sessions";
    /** This action's config key that turns on "a password change ends every other session". */
    public static final String END_OTHER_SESSIONS = "end_other_sessions";

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return this;
    }

    /** Keycloak's own properties ({@code max_auth_age}) and ours. */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(super.getConfigMetadata());
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(END_OTHER_SESSIONS).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .label("End other sessions on every password change")
                .helpText("After a successful password change, end every other session of the user, offline ones"
                        + " too, whatever the 'sign out other devices' box said. Off: only the box decides.")
                .defaultValue(false).add()
                .build());
        return properties;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        addRules(context);
        super.requiredActionChallenge(context);
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (!ResetLinkSubmit.stillValid(context)) {
            ResetLinkSubmit.refuse(context);
            return;
        }
        addRules(context);
        if (context.getAuthenticationSession().getAuthNote(EfirmaRecoveryAuthenticatorFactory.RECOVERY_NOTE) != null) {
            // for the password-updated email, which Keycloak's event reaches inside super.processAction
            context.getSession().setAttribute(EfirmaRecoveryAuthenticatorFactory.RECOVERY_NOTE, Boolean.TRUE);
        }
        super.processAction(context);
        if (context.getStatus() != RequiredActionContext.Status.SUCCESS) {
            return;
        }
        if (endsOtherSessions(context.getConfig())) {
            boolean stockLoggedOut = "on".equals(context.getHttpRequest().getDecodedFormParameters().getFirst(LOGOUT_SESSIONS_FIELD));
            if (!stockLoggedOut) {
                AuthenticatorUtil.logoutOtherSessions(context);
            }
            revokeOfflineSessions(context.getSession(), context.getRealm(), context.getUser());
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession.getAuthNote(AuthenticationManager.END_AFTER_REQUIRED_ACTIONS) != null) {
            // AuthenticationManager renders the closing info page with this same (per-session) provider.
            LoginFormsProvider page = context.getSession().getProvider(LoginFormsProvider.class);
            page.setAttribute(UPDATED_ATTRIBUTE, Boolean.TRUE);
            String acceptUrl = acceptUrl(context.getSession(), authSession.getClient());
            if (acceptUrl != null) {
                page.setAttribute(ACCEPT_URL, acceptUrl);
            }
        }
    }

    /** True only when the realm opted in; a missing config or value keeps Keycloak's behaviour. */
    static boolean endsOtherSessions(RequiredActionConfigModel config) {
        String value = config == null ? null : config.getConfigValue(END_OTHER_SESSIONS);
        return value != null && Boolean.parseBoolean(value.trim());
    }

    /**
     * True when {@code realm}'s {@code UPDATE_PASSWORD} required action has {@value #END_OTHER_SESSIONS}:
     * the realm wants every password change, an administrator's too, to end the user's sessions.
     */
    public static boolean endsSessionsOnEveryChange(RealmModel realm) {
        return endsOtherSessions(realm.getRequiredActionConfigByAlias(UserModel.RequiredAction.UPDATE_PASSWORD.name()));
    }

    /** Ends every offline session of {@code user} (Keycloak's revocation: its tokens stop refreshing). */
    public static void revokeOfflineSessions(KeycloakSession session, RealmModel realm, UserModel user) {
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        if (offline.isEmpty()) {
            return;
        }
        UserSessionManager manager = new UserSessionManager(session);
        offline.forEach(manager::revokeOfflineUserSession);
        LOG.debugf("Revoked %d offline session(s) after a password change", offline.size());
    }

    /** The application's base URL (its start page leads to the login page); null when it has none. */
    static String acceptUrl(KeycloakSession session, ClientModel client) {
        if (client == null || client.getBaseUrl() == null || client.getBaseUrl().isBlank()) {
            return null;
        }
        return ResolveRelative.resolveRelativeUri(session, client.getRootUrl(), client.getBaseUrl());
    }

    /** The realm's password rules for the page's list and live checklist. */
    private static void addRules(RequiredActionContext context) {
        Map<String, Object> rules = IcsoePasswordRulesView.of(context.getRealm().getPasswordPolicy());
        LoginFormsProvider form = context.form();
        form.setAttribute(RULES_ATTRIBUTE, rules);
        form.setAttribute(RULES_JSON_ATTRIBUTE, IcsoePasswordRulesView.toJson(rules));
    }
}
