package mx.gob.imss.icsoe.keycloak.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.requiredactions.WebAuthnPasswordlessRegisterFactory;
import org.keycloak.authentication.requiredactions.WebAuthnRegisterFactory;
import org.keycloak.models.Constants;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * The shipped {@code realm-export.json} is what a deployer imports into production unchanged: no
 * loopback or plain-HTTP address anywhere in it (redirect URIs, web origins, post-logout URIs, root
 * URLs, attributes) and TLS required for every client address. The dev harness and the demo relax it
 * in their own copies ({@code DevRealmFile}), never here.
 */
class RealmExportProductionTest {

    private static final Path SHIPPED = Path.of("realm-export.json");
    private static final Pattern LOOPBACK = Pattern.compile(
            "(?i)(localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[?::1\\]?(?=[:/\\]]|$)|0\\.0\\.0\\.0|http://)");

    @Test
    void givenTheShippedRealmFile_whenChecked_thenItRequiresTlsAndNamesNoLoopbackOrPlainHttpAddress() throws IOException {
        assertThat(problems(JsonSerialization.mapper.readTree(SHIPPED.toFile()))).isEmpty();
    }

    @Test
    void givenACopyWithDevValues_whenChecked_thenEveryOneIsReported() throws IOException {
        ObjectNode realm = (ObjectNode) JsonSerialization.mapper.readTree(SHIPPED.toFile());
        realm.put("sslRequired", "external");
        ObjectNode client = (ObjectNode) realm.withArray("clients").get(0);
        ((ArrayNode) client.withArray("redirectUris")).add("http://localhost:8080/*");
        ((ArrayNode) client.withArray("webOrigins")).add("https://127.0.0.1:8443");
        ((ObjectNode) client.with("attributes")).put("post.logout.redirect.uris", "https://[::1]:8443/*");
        ((ObjectNode) realm.with("attributes")).put("frontendUrl", "http://portal.example/");

        assertThat(problems(realm)).containsExactlyInAnyOrder(
                "sslRequired is 'external', must be 'all'",
                "clients[0].redirectUris[1]: http://localhost:8080/*",
                "clients[0].webOrigins[1]: https://127.0.0.1:8443",
                "clients[0].attributes.post.logout.redirect.uris: https://[::1]:8443/*",
                "attributes.frontendUrl: http://portal.example/");
    }

    @Test
    void givenAMissingSslRequired_whenChecked_thenReported() throws IOException {
        ObjectNode realm = (ObjectNode) JsonSerialization.mapper.readTree(SHIPPED.toFile());
        realm.remove("sslRequired");
        assertThat(problems(realm)).containsExactly("sslRequired is 'null', must be 'all'");
    }

    /**
     * The defaults a security review expects (issue 19, item 5); {@code RealmDefaultsIT} shows the
     * same on a server that imported the file.
     */
    @Nested
    class SecurityDefaults {

        private final RealmRepresentation realm = read();

        @Test
        void givenTheBuiltInAdminCli_thenTheFileDefinesItWithoutPasswordGrantOrAnyOtherFlow() {
            // a realm import creates admin-cli (direct grants on) only when the file has none
            ClientRepresentation adminCli = client(Constants.ADMIN_CLI_CLIENT_ID);
            assertThat(adminCli.isDirectAccessGrantsEnabled()).isFalse();
            assertThat(adminCli.isStandardFlowEnabled()).isFalse();
            assertThat(adminCli.isImplicitFlowEnabled()).isFalse();
            assertThat(adminCli.isServiceAccountsEnabled()).isFalse();
            assertThat(adminCli.isPublicClient()).isTrue();
            assertThat(adminCli.isFullScopeAllowed()).isFalse();
        }

        @Test
        void givenRefreshTokens_thenRotatedAndNeverReused() {
            assertThat(realm.getRevokeRefreshToken()).isTrue();
            assertThat(realm.getRefreshTokenMaxReuse()).isZero();
        }

        @Test
        void givenThePortal_thenOfflineAccessIsNoDefaultScopeAndNoClientHasDirectGrants() {
            List<String> portalDefaults = client("icsoe-portal").getDefaultClientScopes();
            assertThat(portalDefaults == null ? List.<String>of() : portalDefaults).doesNotContain(OAuth2Constants.OFFLINE_ACCESS);
            // the file leaves the realm's default scopes to Keycloak, where offline_access is optional
            assertThat(realm.getDefaultDefaultClientScopes()).isNull();
            assertThat(realm.getClients()).allSatisfy(client ->
                    assertThat(client.isDirectAccessGrantsEnabled()).as(client.getClientId()).isFalse());
        }

        @Test
        void givenThePortal_thenItsAddressesArePlaceholdersADeployerSetsAndNoneIsAKeycloakPage() {
            ClientRepresentation portal = client("icsoe-portal");
            List<String> addresses = new ArrayList<>(portal.getRedirectUris());
            addresses.add(portal.getRootUrl());
            addresses.add(portal.getAttributes().get("post.logout.redirect.uris"));
            // an absolute https address on the reserved .invalid domain: nothing resolves until ICSOE's is set
            assertThat(addresses).allSatisfy(address -> {
                assertThat(java.net.URI.create(address).getScheme()).isEqualTo("https");
                assertThat(java.net.URI.create(address).getHost()).isEqualTo("icsoe.invalid");
                assertThat(address).doesNotContain("/realms/", "*");
            });
            assertThat(portal.getBaseUrl()).startsWith("/").doesNotContain("/realms/");
        }

        @Test
        void givenAdminExecuteActionsLinks_thenTheyLiveOneHourAtMost() {
            assertThat(realm.getActionTokenGeneratedByAdminLifespan()).isPositive().isLessThanOrEqualTo(3600);
        }

        @Test
        void givenSecondFactorEnrolment_thenEveryOneOfItsRequiredActionsIsOff() {
            for (String alias : List.of(UserModel.RequiredAction.CONFIGURE_TOTP.name(),
                    UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name(),
                    WebAuthnRegisterFactory.PROVIDER_ID, WebAuthnPasswordlessRegisterFactory.PROVIDER_ID)) {
                RequiredActionProviderRepresentation action = realm.getRequiredActions().stream()
                        .filter(a -> alias.equals(a.getAlias())).findFirst()
                        .orElseThrow(() -> new AssertionError(alias + " is not in the file: an import would enable it"));
                assertThat(action.isEnabled()).as(alias).isFalse();
            }
        }

        @Test
        void givenThePasswordPolicy_thenItKeepsFivePasswordsOfHistoryAndRefusesCommonWords() {
            assertThat(policyTerms()).contains(PasswordPolicy.PASSWORD_HISTORY_ID + "(5)", "icsoeNotCommon");
        }

        private List<String> policyTerms() {
            return List.of(realm.getPasswordPolicy().split("\\s+and\\s+"));
        }

        private ClientRepresentation client(String clientId) {
            return realm.getClients().stream().filter(c -> clientId.equals(c.getClientId())).findFirst()
                    .orElseThrow(() -> new AssertionError(clientId + " is not in the file"));
        }

        private static RealmRepresentation read() {
            try (InputStream in = Files.newInputStream(SHIPPED)) {
                return JsonSerialization.readValue(in, RealmRepresentation.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What keeps {@code realm} from being imported into production as it is, one line per finding. */
    static List<String> problems(JsonNode realm) {
        List<String> problems = new ArrayList<>();
        String ssl = realm.path("sslRequired").isTextual() ? realm.get("sslRequired").asText() : null;
        if (!"all".equals(ssl)) {
            problems.add("sslRequired is '" + ssl + "', must be 'all'");
        }
        collectAddresses(realm, "", problems);
        return problems;
    }

    private static void collectAddresses(JsonNode node, String path, List<String> problems) {
        if (node.isTextual()) {
            if (LOOPBACK.matcher(node.asText()).find()) {
                problems.add(path + ": " + node.asText());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectAddresses(node.get(i), path + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                collectAddresses(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), problems);
            }
        }
    }
}
