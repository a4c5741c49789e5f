package mx.gob.imss.icsoe.keycloak.resetcred;

/**
 * The payload of a reset request's outbox row: what the background work needs and nothing personal
 * in clear. The CURP (as Keycloak's username) and the client address are sealed under a key derived
 * from the realm's HS512 key {@code keyId}; the typed email is only its keyed hash, which the match
 * compares with the registered email's. Once the request matched, {@code userId}, {@code tokenId},
 * {@code issuedAt} and {@code expires} fix the link, so every attempt sends the same one, and the
 * sealed CURP is dropped.
 *
 * @param realmName         the meters' realm tag, also when the realm can no longer be read
 * @param linkTemplate      the request's action-token URL with {@link ResetMail#TOKEN_PLACEHOLDER} for the token
 * @param requestedAt       Keycloak time (seconds) of the request
 * @param lifespan          the realm's reset-link lifespan at the request, in seconds
 */
public record ResetRow(String realmName, String clientId, String subjectHash, String keyId, String sealedUsername,
                       String sealedIp, String emailHash, int emailsPerUser, long userWindowSeconds, String baseUri,
                       String authSessionId, String linkTemplate, int requestedAt, int lifespan, String userId,
                       String tokenId, Integer issuedAt) {

    boolean matched() {
        return userId != null;
    }

    int expires() {
        return requestedAt + lifespan;
    }

    /** The row once the request matched {@code user}: the link is fixed, the sealed CURP dropped. */
    ResetRow matched(String user, String token, int iat) {
        return new ResetRow(realmName, clientId, subjectHash, keyId, null, sealedIp, emailHash, emailsPerUser,
                userWindowSeconds, baseUri, authSessionId, linkTemplate, requestedAt, lifespan, user, token, iat);
    }

    /** Epoch millis after which the link is not sent: half its lifespan after the request. */
    long notAfterMillis() {
        return (requestedAt + lifespan / 2L) * 1000L;
    }

    /** Never the sealed values or hashes' inputs: a row may end up in a log line. */
    @Override
    public String toString() {
        return "ResetRow[subject=" + subjectHash + ", matched=" + matched() + ']';
    }
}
