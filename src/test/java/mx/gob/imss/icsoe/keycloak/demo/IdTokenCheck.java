package mx.gob.imss.icsoe.keycloak.demo;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a relying party checks on an ID token before it believes it (OIDC Core 3.1.3.7): an RS256
 * signature by one of the realm's published keys (JWKS, looked up by {@code kid}), the realm as
 * issuer, the client among the audiences, not expired, and the nonce the sign-in was started with.
 */
final class IdTokenCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    /** The claims the portal shows. */
    record Claims(String username, String name) {
    }

    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    private final String issuer;
    private final String audience;
    private final Supplier<String> jwks;

    IdTokenCheck(String issuer, String audience, Supplier<String> jwks) {
        this.issuer = issuer;
        this.audience = audience;
        this.jwks = jwks;
    }

    Claims verify(String token, String nonce) throws Refused {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new Refused("not a signed JWT");
        }
        JsonNode header = json(parts[0]);
        JsonNode claims = json(parts[1]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new Refused("algorithm " + header.path("alg").asText());
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key(header.path("kid").asText()));
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(B64.decode(parts[2]))) {
                throw new Refused("signature");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Refused("signature: " + e.getMessage());
        }
        if (!issuer.equals(claims.path("iss").asText())) {
            throw new Refused("issuer");
        }
        JsonNode aud = claims.path("aud");
        List<String> audiences = aud.isArray() ? JSON.convertValue(aud, JSON.getTypeFactory().constructCollectionType(List.class, String.class))
                : List.of(aud.asText());
        if (!audiences.contains(audience)) {
            throw new Refused("audience");
        }
        if (claims.path("exp").asLong() <= System.currentTimeMillis() / 1000) {
            throw new Refused("expired");
        }
        if (!nonce.equals(claims.path("nonce").asText())) {
            throw new Refused("nonce");
        }
        return new Claims(claims.path("preferred_username").asText(), claims.path("name").asText(""));
    }

    private PublicKey key(String kid) throws GeneralSecurityException, Refused {
        JsonNode keys;
        try {
            keys = JSON.readTree(jwks.get()).path("keys");
        } catch (java.io.IOException e) {
            throw new Refused("JWKS: " + e.getMessage());
        }
        for (JsonNode key : keys) {
            if (kid.equals(key.path("kid").asText()) && "RSA".equals(key.path("kty").asText())) {
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, B64.decode(key.path("n").asText())), new BigInteger(1, B64.decode(key.path("e").asText()))));
            }
        }
        throw new Refused("no published key " + kid);
    }

    private static JsonNode json(String part) throws Refused {
        try {
            return JSON.readTree(B64.decode(part));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new Refused("unreadable token");
        }
    }
}
