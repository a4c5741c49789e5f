package mx.gob.imss.icsoe.keycloak.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import mx.gob.imss.icsoe.keycloak.testing.Mailbox;
import mx.gob.imss.icsoe.keycloak.testing.ReceivedEmail;

/**
 * A small web page over the demo's GreenMail: the list of received messages, and each message's HTML
 * (in a sandboxed frame, scripts off) and plain-text parts. Loopback only.
 */
final class MailViewer implements AutoCloseable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.of("America/Mexico_City"));

    /** Scripts stay off in a message; a link the person clicks may open (in a new tab or the page). */
    private static final String FRAME_SANDBOX =
            "allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";

    private final Mailbox mailbox;
    private final HttpServer server;

    MailViewer(Mailbox mailbox, int port) throws IOException {
        this.mailbox = mailbox;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            List<ReceivedEmail> all = mailbox.all();
            if (path.equals("/")) {
                send(exchange, 200, "text/html", list(all), false);
                return;
            }
            String[] parts = path.split("/");
            if (parts.length >= 3 && parts[1].equals("message")) {
                int index = parseIndex(parts[2], all.size());
                if (index >= 0) {
                    ReceivedEmail email = all.get(index);
                    if (parts.length == 3) {
                        send(exchange, 200, "text/html", message(index, email), false);
                    } else if (parts[3].equals("html") && email.html() != null) {
                        send(exchange, 200, "text/html", email.html(), true);
                    } else if (parts[3].equals("text") && email.text() != null) {
                        send(exchange, 200, "text/plain", email.text(), true);
                    } else {
                        send(exchange, 404, "text/plain", "Sin esa parte", false);
                    }
                    return;
                }
            }
            send(exchange, 404, "text/plain", "No encontrado", false);
        }
    }

    private static int parseIndex(String value, int size) {
        try {
            int index = Integer.parseInt(value);
            return index >= 0 && index < size ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String list(List<ReceivedEmail> all) {
        StringBuilder html = new StringBuilder(page("Correos recibidos"));
        html.append("<h1>Correos recibidos (").append(all.size()).append(")</h1>");
        html.append("<p>Los correos que envía Keycloak llegan aquí. <a href=\"/\">Actualizar</a></p>");
        if (all.isEmpty()) {
            html.append("<p>Todavía no hay correos.</p>");
        } else {
            html.append("<table><thead><tr><th>Recibido</th><th>Para</th><th>Asunto</th></tr></thead><tbody>");
            for (int i = all.size() - 1; i >= 0; i--) {
                ReceivedEmail email = all.get(i);
                html.append("<tr><td data-label=\"Recibido\">").append(escape(received(email))).append("</td><td data-label=\"Para\">")
                        .append(escape(email.to())).append("</td><td data-label=\"Asunto\"><a href=\"/message/").append(i).append("\">")
                        .append(escape(email.subject())).append("</a></td></tr>");
            }
            html.append("</tbody></table>");
        }
        return html.append("</body></html>").toString();
    }

    private static String message(int index, ReceivedEmail email) {
        StringBuilder html = new StringBuilder(page(email.subject()));
        html.append("<p><a href=\"/\">← Todos los correos</a></p>");
        html.append("<h1>").append(escape(email.subject())).append("</h1><dl>")
                .append("<dt>De</dt><dd>").append(escape(email.fromName() == null ? "" : email.fromName() + " "))
                .append("&lt;").append(escape(email.from())).append("&gt;</dd>")
                .append("<dt>Para</dt><dd>").append(escape(email.to())).append("</dd>")
                .append("<dt>Recibido</dt><dd>").append(escape(received(email))).append("</dd></dl>");
        List<String> links = email.links();
        if (!links.isEmpty()) {
            html.append("<h2>Ligas del correo</h2><ul>");
            for (String link : links) {
                html.append("<li><a href=\"").append(escape(link)).append("\">").append(escape(link)).append("</a></li>");
            }
            html.append("</ul>");
        }
        if (email.html() != null) {
            html.append("<h2>HTML</h2><iframe sandbox=\"").append(FRAME_SANDBOX)
                    .append("\" title=\"Contenido HTML\" src=\"/message/").append(index).append("/html\"></iframe>");
        }
        if (email.text() != null) {
            html.append("<h2>Texto</h2><pre>").append(escape(email.text())).append("</pre>");
        }
        return html.append("</body></html>").toString();
    }

    private static String received(ReceivedEmail email) {
        try {
            Date date = email.raw().getReceivedDate() != null ? email.raw().getReceivedDate() : email.raw().getSentDate();
            return date == null ? "" : WHEN.format(date.toInstant());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private static String page(String title) {
        return "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + escape(title) + " · Buzón de la demo ICSOE</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;color:#222}"
                + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}"
                + "iframe{width:100%;height:32rem;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f5f5f5;padding:1rem}"
                + "a{color:#611232}li a{word-break:break-all}td,dd,h1{overflow-wrap:anywhere}"
                // a phone: one message per block, each cell labelled, nothing wider than the screen
                + "@media (max-width:40rem){thead{position:absolute;left:-9999px}table,tbody,tr,td{display:block}"
                + "tr{border-bottom:1px solid #ccc;padding:.4rem 0}td{border:0;padding:.1rem 0}"
                + "td::before{content:attr(data-label) \": \";font-weight:700}}</style></head><body>";
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body, boolean sandboxed)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", sandboxed
                ? "sandbox " + FRAME_SANDBOX + "; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"
                : "default-src 'self'; style-src 'unsafe-inline'; frame-src 'self'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
