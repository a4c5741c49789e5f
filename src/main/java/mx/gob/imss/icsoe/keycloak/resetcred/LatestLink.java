package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * One valid reset link per person (OWASP: one reset token per account; Keycloak #40631): issuing a
 * link records its token id as the user's latest in Keycloak's cluster-wide single-use store, and a
 * link whose id is not the latest is refused. An entry lives as long as the link it names, so a
 * missing entry means no unexpired link was issued through this step: refused too (fail closed).
 */
final class LatestLink {

    static final String KEY_PREFIX = IcsoeResetCredentialsAuthenticator.KEY_PREFIX + "link:";
    static final String NOTE_TOKEN_ID = "jti";

    private final SingleUseObjectProvider store;

    LatestLink(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** Makes {@code tokenId} the user's only valid link for {@code lifespanSeconds}. */
    void issued(String userId, String tokenId, long lifespanSeconds) {
        store.put(KEY_PREFIX + userId, Math.max(1, lifespanSeconds), Map.of(NOTE_TOKEN_ID, tokenId));
    }

    /** Whether {@code tokenId} is the latest link issued to {@code userId}. */
    boolean isLatest(String userId, String tokenId) {
        if (tokenId == null) {
            return false;
        }
        Map<String, String> entry = store.get(KEY_PREFIX + userId);
        return entry != null && tokenId.equals(entry.get(NOTE_TOKEN_ID));
    }
}
