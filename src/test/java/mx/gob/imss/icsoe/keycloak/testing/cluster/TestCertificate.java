package mx.gob.imss.icsoe.keycloak.testing.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The proxy's TLS certificate, made at run time with {@code openssl} (CN and SAN {@code localhost}),
 * and a trust store holding only it, so the test clients verify the proxy instead of trusting anything.
 */
public final class TestCertificate {

    private static final char[] STORE_PASSWORD = "icsoe-it".toCharArray();

    private final Path proxyPem;
    private final Path trustStore;
    private final SSLContext sslContext;

    private TestCertificate(Path proxyPem, Path trustStore, SSLContext sslContext) {
        this.proxyPem = proxyPem;
        this.trustStore = trustStore;
        this.sslContext = sslContext;
    }

    /** Generates a key and a self-signed certificate in {@code dir}. */
    public static TestCertificate generate(Path dir) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve("proxy.key");
            Path cert = dir.resolve("proxy.crt");
            Commands.run(dir, dir.resolve("openssl.log"), null, Map.of(), Duration.ofSeconds(60),
                    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", cert.toString());
            Path pem = dir.resolve("proxy.pem");
            Files.writeString(pem, Files.readString(cert) + Files.readString(key));
            Files.delete(key);

            Certificate certificate;
            try (InputStream in = Files.newInputStream(cert)) {
                certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("icsoe-proxy", certificate);
            Path trustStore = dir.resolve("truststore.p12");
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                store.store(out, STORE_PASSWORD);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return new TestCertificate(pem, trustStore, context);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make the proxy certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not load the proxy certificate", e);
        }
    }

    /** Certificate and key in one PEM file, as HAProxy's {@code crt} wants them. */
    public Path proxyPem() {
        return proxyPem;
    }

    /** PKCS12 trust store with the certificate alone. */
    public Path trustStore() {
        return trustStore;
    }

    public String trustStorePassword() {
        return new String(STORE_PASSWORD);
    }

    /** A TLS context that trusts the proxy's certificate and nothing else. */
    public SSLContext sslContext() {
        return sslContext;
    }
}
