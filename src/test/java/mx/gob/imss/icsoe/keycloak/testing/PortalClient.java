package mx.gob.imss.icsoe.keycloak.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm's public portal client ({@code icsoe-portal}) as an application would use it: an
 * authorization URL with PKCE, the code exchange and refresh over real HTTP.
 */
public final class PortalClient {

    public static final String CLIENT_ID = "icsoe-portal";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String realm;
    private final HttpClient http;
    private final Map<String, String> headers;
    private final String redirectUri;

    public PortalClient(String baseUrl, String realm) {
        this(baseUrl, realm, HttpClient.newHttpClient(), Map.of());
    }

    /** A client over {@code http} (e.g. one that trusts a test proxy's certificate) sending {@code headers} on every request. */
    public PortalClient(String baseUrl, String realm, HttpClient http, Map<String, String> headers) {
        this(baseUrl, realm, http, headers, baseUrl + "/realms/" + realm + "/account/");
    }

    private PortalClient(String baseUrl, String realm, HttpClient http, Map<String, String> headers, String redirectUri) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.http = http;
        this.headers = Map.copyOf(headers);
        this.redirectUri = redirectUri;
    }

    /** The same client for an application whose codes come back to {@code redirectUri} ({@link PortalUrls}). */
    public PortalClient withRedirectUri(String redirectUri) {
        return new PortalClient(baseUrl, realm, http, headers, redirectUri);
    }

    /** A PKCE verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Where codes come back: by default the tests' stand-in ({@link PortalUrls#ofTests}). */
    public String redirectUri() {
        return redirectUri;
    }

    public String realmUrl() {
        return baseUrl + "/realms/" + realm;
    }

    public String authorizationUrl(Pkce pkce) {
        return authorizationUrl(pkce, Long.toHexString(RANDOM.nextLong()), Long.toHexString(RANDOM.nextLong()));
    }

    /** An authorization URL with the caller's {@code state} and {@code nonce} (an application checks both on return). */
    public String authorizationUrl(Pkce pkce, String state, String nonce) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", CLIENT_ID);
        query.put("redirect_uri", redirectUri());
        query.put("response_type", "code");
        query.put("scope", "openid");
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", "S256");
        return realmUrl() + "/protocol/openid-connect/auth?" + form(query);
    }

    /** The {@code code} query parameter of the URL the login ended on, or null. */
    public static String codeFrom(String url) {
        int question = url.indexOf('?');
        if (question < 0) {
            return null;
        }
        for (String pair : url.substring(question + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("code")) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Exchanges an authorization code; returns the token endpoint's JSON answer (status in "http_status"). */
    public Map<String, Object> exchange(String code, Pkce pkce) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("client_id", CLIENT_ID);
        body.put("code", code);
        body.put("redirect_uri", redirectUri());
        body.put("code_verifier", pkce.verifier());
        return token(body);
    }

    /** Uses a refresh token; returns the token endpoint's JSON answer (status in "http_status"). */
    public Map<String, Object> refresh(String refreshToken) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "refresh_token");
        body.put("client_id", CLIENT_ID);
        body.put("refresh_token", refreshToken);
        return token(body);
    }

    /** Any request to the realm's token endpoint (e.g. another client's grant); status in "http_status". */
    public Map<String, Object> token(Map<String, String> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> json = new LinkedHashMap<>(JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { }));
            json.put("http_status", response.statusCode());
            return json;
        } catch (IOException e) {
            throw new IllegalStateException("Token endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The realm's RP-initiated logout URL: ends the session of {@code idToken} and returns to {@code afterLogout}. */
    public String logoutUrl(String idToken, String afterLogout) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", CLIENT_ID);
        query.put("id_token_hint", idToken);
        query.put("post_logout_redirect_uri", afterLogout);
        return realmUrl() + "/protocol/openid-connect/logout?" + form(query);
    }

    /** The realm's signing keys (JWKS) as the token endpoint's client reads them. */
    public String jwks() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/certs"));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("JWKS endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
