package mx.gob.imss.icsoe.keycloak.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A slow SMTP server for timing tests: a TCP relay in front of GreenMail that holds every new
 * connection for {@code delay} before the greeting, as an overloaded mail server does. Keycloak's
 * send blocks on that greeting, so a synchronous send would show the delay in the HTTP answer.
 * Loopback only; closes its sockets on {@link #close()}.
 */
public final class SlowSmtpProxy extends LoopbackServer {

    private final int targetPort;
    private final Duration delay;

    public SlowSmtpProxy(int targetPort, Duration delay) throws IOException {
        super("slow-smtp");
        this.targetPort = targetPort;
        this.delay = delay;
    }

    @Override
    void serve(Socket client) {
        relay(client);
    }

    private void relay(Socket client) {
        try (client; Socket upstream = sleepThenConnect()) {
            Thread up = pipe(client.getInputStream(), upstream.getOutputStream(), upstream);
            pipe(upstream.getInputStream(), client.getOutputStream(), client).join();
            up.join(1_000);
        } catch (IOException | InterruptedException e) {
            // the peer closed or the proxy stopped: nothing to relay any more
        }
    }

    private Socket sleepThenConnect() throws IOException, InterruptedException {
        Thread.sleep(delay.toMillis());
        return new Socket(InetAddress.getLoopbackAddress(), targetPort);
    }

    private static Thread pipe(InputStream in, OutputStream out, Socket closeOnEnd) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection ended
            } finally {
                try {
                    closeOnEnd.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "slow-smtp-pipe");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
