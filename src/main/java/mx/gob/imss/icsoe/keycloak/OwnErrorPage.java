package mx.gob.imss.icsoe.keycloak;

import org.keycloak.models.KeycloakSession;

/**
 * Marks an answer of 500 or more as a page of the extension's own (Spanish, for the person, e.g. the
 * reset step's 503 "Intenta más tarde"), so the proxy passes it on: the shipped
 * {@code deploy/haproxy/haproxy.cfg} replaces every other 5xx of a node with its own page, to hide
 * Keycloak's internal error pages.
 */
public final class OwnErrorPage {

    /** The response header the proxy looks for; its presence is what counts. */
    public static final String HEADER = "X-Icsoe-Page";

    private OwnErrorPage() {
    }

    /** Sets {@value #HEADER} on the answer of the current request. */
    public static void mark(KeycloakSession session) {
        session.getContext().getHttpResponse().setHeader(HEADER, "own");
    }
}
