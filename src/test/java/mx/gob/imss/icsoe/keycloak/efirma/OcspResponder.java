package mx.gob.imss.icsoe.keycloak.efirma;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real OCSP responder for the test CA, on a free loopback port: answers "revoked" for the serial
 * numbers it was told about and "good" for the rest, signed by the CA itself. Accepts GET (the JDK
 * client's choice for small requests) and POST. It also serves the CA's CRL listing the same serials,
 * and counts both kinds of request.
 */
public final class OcspResponder implements AutoCloseable {

    private final SatFixtures.Ca ca;
    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger crlRequests = new AtomicInteger();
    private final HttpServer server;

    public OcspResponder(SatFixtures.Ca ca) {
        this.ca = ca;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/ocsp", this::handle);
        server.createContext("/crl", this::crl);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp";
    }

    /** Where the CA's CRL is served: it lists the serials {@link #revoke}d so far. */
    public String crlUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/crl/ca.crl";
    }

    /** How many CRL downloads were served. */
    public int crlRequests() {
        return crlRequests.get();
    }

    private void crl(HttpExchange exchange) throws IOException {
        try {
            byte[] der = SatFixtures.crl(ca, revoked.toArray(BigInteger[]::new));
            crlRequests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, der.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(der);
            }
        } finally {
            exchange.close();
        }
    }

    public void revoke(BigInteger serial) {
        revoked.add(serial);
    }

    /** How many requests were answered (a test can see that the server really asked). */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] request;
            if ("POST".equals(exchange.getRequestMethod())) {
                try (InputStream in = exchange.getRequestBody()) {
                    request = in.readAllBytes();
                }
            } else {
                String path = exchange.getRequestURI().getRawPath();
                String encoded = path.substring(path.indexOf("/ocsp") + "/ocsp".length()).replaceFirst("^/", "");
                request = Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII));
            }
            byte[] answer = answer(new OCSPReq(request)).getEncoded();
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        } finally {
            exchange.close();
        }
    }

    private OCSPResp answer(OCSPReq request) throws Exception {
        X509CertificateHolder issuer = new JcaX509CertificateHolder(ca.certificate());
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(issuer.getSubject()));
        Date now = new Date();
        for (Req req : request.getRequestList()) {
            CertificateID id = req.getCertID();
            CertificateStatus status = revoked.contains(id.getSerialNumber())
                    ? new RevokedStatus(new Date(now.getTime() - 3_600_000), 1) : CertificateStatus.GOOD;
            builder.addResponse(id, status, now, new Date(now.getTime() + 3_600_000), null);
        }
        var signer = new JcaContentSignerBuilder("SHA256withRSA").build(ca.key());
        var basic = builder.build(signer, new X509CertificateHolder[] {issuer}, now);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
