package mx.gob.imss.icsoe.keycloak.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A misbehaving SMTP server on loopback, for what a real sink never does: {@link Mode#SILENT} accepts
 * connections and never says a word (the client waits for its timeout); {@link Mode#REJECT_RECIPIENT}
 * speaks SMTP but refuses every {@code RCPT TO} with a reply that quotes the address, as many real
 * servers do.
 */
public final class ScriptedSmtpServer extends LoopbackServer {

    public enum Mode { SILENT, REJECT_RECIPIENT }

    private final Mode mode;

    public ScriptedSmtpServer(Mode mode) throws IOException {
        super("scripted-smtp-" + mode);
        this.mode = mode;
    }

    @Override
    void serve(Socket client) {
        if (mode == Mode.REJECT_RECIPIENT) {
            converse(client);
        }
        // SILENT: keep the connection open and say nothing; close() ends it
    }

    private static void converse(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = socket.getOutputStream();
            reply(out, "220 scripted.example ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted.example");
                    case "MAIL" -> reply(out, "250 2.1.0 Ok");
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf(':') + 1).trim();
                        reply(out, "550 5.1.1 " + address + ": Recipient address rejected: User unknown in local recipient table");
                    }
                    case "RSET", "NOOP" -> reply(out, "250 2.0.0 Ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "503 5.5.1 Error: need RCPT command");
                }
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
