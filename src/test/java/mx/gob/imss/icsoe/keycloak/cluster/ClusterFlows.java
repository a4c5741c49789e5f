package mx.gob.imss.icsoe.keycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

import mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport;
import mx.gob.imss.icsoe.keycloak.resetcred.ResetThrottleConfig;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.ReceivedEmail;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster.Node;
import mx.gob.imss.icsoe.keycloak.testing.cluster.LocalHaproxy;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;
import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;

/** What the cluster ITs do through the proxy, as a capturista's browser would. */
final class ClusterFlows {

    /** A reset email sent in the background may take a moment; never sleep-and-hope for it. */
    /** Long enough for a row a dead node held to come back (the tests' 20 s lease) and be sent. */
    static final Duration MAIL_TIMEOUT = Duration.ofSeconds(60);
    /** Long enough for a background send to have landed if one had been made. */
    static final Duration NO_MAIL_GRACE = Duration.ofSeconds(3);
    static final String CONFIRMATION_SUBJECT = "ICSOE: tu contraseña fue actualizada";

    private ClusterFlows() {
    }

    /** The reset form submitted in a fresh browser pinned to {@code pin}, from {@code from}; returns the answer. */
    static HtmlPage submitReset(IcsoeCluster cluster, Node pin, InetAddress from, String curp, String email) {
        try (WebClient web = cluster.browser(pin, from)) {
            return submitReset(cluster, web, curp, email);
        }
    }

    static HtmlPage submitReset(IcsoeCluster cluster, WebClient web, String curp, String email) {
        return ResetRequestPage.open(web, cluster.portalLoginUrl()).submit(curp, email);
    }

    /** Asserts the page is the one confirmation page every well-formed request gets. */
    static void assertSentPage(HtmlPage page) {
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(ResetRequestPage.sentText(page)).startsWith(ResetItSupport.SENT_TEXT);
    }

    /** The node that answered {@code page}, from the proxy's response header. */
    static String servedBy(HtmlPage page) {
        return page.getWebResponse().getResponseHeaderValue(LocalHaproxy.SERVED_BY_HEADER);
    }

    static boolean isResetMail(ReceivedEmail mail) {
        return mail.links().stream().anyMatch(link -> link.contains("action-token"));
    }

    static boolean isConfirmation(ReceivedEmail mail) {
        return CONFIRMATION_SUBJECT.equals(mail.subject());
    }

    static List<ReceivedEmail> resetMails(IcsoeCluster cluster, Capturista capturista) {
        return cluster.mailbox().messagesTo(capturista.email(), ClusterFlows::isResetMail);
    }

    /** Waits for the {@code n}-th reset email of {@code capturista} and returns its link. */
    static String awaitLink(IcsoeCluster cluster, Capturista capturista, int n) {
        return cluster.mailbox().awaitMessagesTo(capturista.email(), ClusterFlows::isResetMail, n, MAIL_TIMEOUT)
                .get(n - 1).linkContaining("action-token");
    }

    /** Logs in through the portal in {@code web}; returns the tokens (status in "http_status"). */
    static Map<String, Object> logIn(IcsoeCluster cluster, WebClient web, Node pin, String curp, String password) {
        PortalClient portal = cluster.portal(pin);
        PortalClient.Pkce pkce = PortalClient.Pkce.create();
        HtmlPage landed = LoginPage.open(web, portal.authorizationUrl(pkce)).logIn(curp, password);
        String code = PortalClient.codeFrom(landed.getUrl().toString());
        assertThat(code).as("login of %s on %s ended on %s", curp, pin, landed.getUrl()).isNotNull();
        return portal.exchange(code, pkce);
    }

    /** Logs in through the portal in {@code web} and returns where it landed (a page with a {@code code}, or an error). */
    static HtmlPage tryLogIn(IcsoeCluster cluster, WebClient web, Node pin, String curp, String password) {
        return LoginPage.open(web, cluster.portal(pin).authorizationUrl(PortalClient.Pkce.create())).logIn(curp, password);
    }

    /** True when a plain GET of {@code url} answers 200 (e.g. a node's own {@code /health/ready}). */
    static boolean answers200(java.net.http.HttpClient http, String url) {
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static HtmlPage open(WebClient web, String url) {
        try {
            return web.getPage(url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code body} with the reset step's per-address limit set to {@code limit}, restoring it afterwards. */
    static void withRequestsPerAddress(IcsoeCluster cluster, int limit, Runnable body) {
        AuthenticatorConfigRepresentation config = ResetItSupport.throttleConfig(cluster.realm());
        Map<String, String> original = new HashMap<>(config.getConfig());
        try {
            Map<String, String> low = new HashMap<>(original);
            low.put(ResetThrottleConfig.REQUESTS_PER_ADDRESS, Integer.toString(limit));
            config.setConfig(low);
            ResetItSupport.updateThrottleConfig(cluster.realm(), config);
            body.run();
        } finally {
            config.setConfig(original);
            ResetItSupport.updateThrottleConfig(cluster.realm(), config);
        }
    }

    /** Prints {@code figures} and appends them to {@code target/it-work/cluster/<file>}, which {@code .ci/run} prints. */
    static void record(String file, String figures) {
        System.out.println("[icsoe-cluster] " + figures);
        Path path = Paths.get(System.getProperty("icsoe.work.dir"), "cluster", file);
        try {
            Files.writeString(path, figures + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[icsoe-cluster] could not record the figures: " + e.getMessage());
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
