package mx.gob.imss.icsoe.keycloak.testing.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One GET through the proxy, optionally pinned to a node. */
final class ProxyProbe {

    private ProxyProbe() {
    }

    static boolean answers(HttpClient http, String url, IcsoeCluster.Node pin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
        if (pin != null) {
            request.header(LocalHaproxy.PIN_HEADER, pin.pin());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
