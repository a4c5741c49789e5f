package mx.gob.imss.icsoe.keycloak.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A slow SMTP server for timing tests: a TCP relay in front of GreenMail that holds each
 * conversation for {@code delay} at one point ({@link Hold}). Keycloak's send blocks there, so a
 * synchronous send would show the delay in the HTTP answer, and a background send is still
 * running while the test acts. Loopback only; closes its sockets on {@link #close()}.
 */
public final class SlowSmtpProxy extends LoopbackServer {

    /** Where the relay holds each conversation. */
    public enum Hold {
        /** Before the greeting, as an overloaded mail server does. */
        GREETING,
        /**
         * Before the server's answer to the end of a message: GreenMail has the message already (it
         * delivers before it answers), while the sender still waits to hear it was accepted.
         */
        ACCEPTANCE
    }

    private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int targetPort;
    private final Duration delay;
    private final Hold hold;

    public SlowSmtpProxy(int targetPort, Duration delay) throws IOException {
        this(targetPort, delay, Hold.GREETING);
    }

    public SlowSmtpProxy(int targetPort, Duration delay, Hold hold) throws IOException {
        super("slow-smtp");
        this.targetPort = targetPort;
        this.delay = delay;
        this.hold = hold;
    }

    @Override
    void serve(Socket client) {
        relay(client);
    }

    private void relay(Socket client) {
        try (client; Socket upstream = connect()) {
            // set when the client's end of a message goes upstream, so before the answer can come back
            AtomicBoolean holdAnswer = new AtomicBoolean();
            EndOfData endOfData = new EndOfData();
            Thread up = pipe(client.getInputStream(), upstream.getOutputStream(), upstream, (buffer, n) -> {
                if (hold == Hold.ACCEPTANCE && endOfData.after(buffer, n)) {
                    holdAnswer.set(true);
                }
            });
            pipe(upstream.getInputStream(), client.getOutputStream(), client, (buffer, n) -> {
                if (holdAnswer.getAndSet(false)) {
                    pause();
                }
            }).join();
            up.join(1_000);
        } catch (IOException | InterruptedException e) {
            // the peer closed or the proxy stopped: nothing to relay any more
        }
    }

    private Socket connect() throws IOException {
        if (hold == Hold.GREETING) {
            pause();
        }
        return new Socket(InetAddress.getLoopbackAddress(), targetPort);
    }

    private void pause() {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Watches the client's bytes for the end of a message, which may come split over two reads. */
    private static final class EndOfData {
        private final byte[] last = new byte[END_OF_DATA.length];

        boolean after(byte[] buffer, int length) {
            for (int i = 0; i < length; i++) {
                System.arraycopy(last, 1, last, 0, last.length - 1);
                last[last.length - 1] = buffer[i];
            }
            return Arrays.equals(last, END_OF_DATA);
        }
    }

    /** Sees each chunk of a pipe before it is written on. */
    private interface Chunks {
        void seen(byte[] buffer, int length);
    }

    /** Copies {@code in} to {@code out}, showing each chunk to {@code beforeWrite} first. */
    private static Thread pipe(InputStream in, OutputStream out, Socket closeOnEnd, Chunks beforeWrite) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    beforeWrite.seen(buffer, n);
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
