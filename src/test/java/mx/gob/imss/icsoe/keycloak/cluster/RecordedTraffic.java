package mx.gob.imss.icsoe.keycloak.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.WebConnectionWrapper;

import mx.gob.imss.icsoe.keycloak.testing.cluster.LocalHaproxy;

/**
 * Every HTTP exchange of the browsers it is attached to, with its time, status (-1 when the connection
 * failed) and the node that answered, for the outage tests' timelines.
 */
final class RecordedTraffic {

    /** One request: nanoTime at start and end, status, node ({@code null} when none answered). */
    record Exchange(long started, long ended, String method, String path, int status, String node) {

        boolean failed() {
            return status < 0 || status >= 500;
        }

        /** An answer the proxy made itself (no node named): its "no disponible" page or a refusal. */
        boolean fromProxy() {
            return node == null && status > 0;
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + (status < 0 ? "connection failed" : status) + " from " + node;
        }
    }

    private final List<Exchange> exchanges = new ArrayList<>();

    /** Records every request {@code web} makes from now on. */
    WebClient attach(WebClient web) {
        new WebConnectionWrapper(web) {
            @Override
            public WebResponse getResponse(WebRequest request) throws IOException {
                long started = System.nanoTime();
                try {
                    WebResponse response = super.getResponse(request);
                    add(new Exchange(started, System.nanoTime(), request.getHttpMethod().name(), request.getUrl().getPath(),
                            response.getStatusCode(), response.getResponseHeaderValue(LocalHaproxy.SERVED_BY_HEADER)));
                    return response;
                } catch (IOException e) {
                    add(new Exchange(started, System.nanoTime(), request.getHttpMethod().name(), request.getUrl().getPath(), -1, null));
                    throw e;
                }
            }
        };
        return web;
    }

    private synchronized void add(Exchange exchange) {
        exchanges.add(exchange);
    }

    synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }
}
