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
import java.util.function.Consumer;

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
            // set by the client's end of a message, before it goes upstream: the answer cannot come first
            AtomicBoolean holdAnswer = new AtomicBoolean();
            Thread up = pipe(client.getInputStream(), upstream.getOutputStream(), upstream, new Consumer<>() {
                private byte[] tail = new byte[0]; // the terminator may come split over two reads

                @Override
                public void accept(byte[] chunk) {
                    byte[] joined = Arrays.copyOf(tail, tail.length + chunk.length);
                    System.arraycopy(chunk, 0, joined, tail.length, chunk.length);
                    if (hold == Hold.ACCEPTANCE && endsWith(joined, END_OF_DATA)) {
                        holdAnswer.set(true);
                    }
                    tail = Arrays.copyOfRange(joined, Math.max(0, joined.length - END_OF_DATA.length), joined.length);
                }
            });
            pipe(upstream.getInputStream(), client.getOutputStream(), client, chunk -> {
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

    private static boolean endsWith(byte[] chunk, byte[] suffix) {
        return chunk.length >= suffix.length
                && Arrays.equals(chunk, chunk.length - suffix.length, chunk.length, suffix, 0, suffix.length);
    }

    /** Copies {@code in} to {@code out}, showing each chunk to {@code beforeWrite} first. */
    private static Thread pipe(InputStream in, OutputStream out, Socket closeOnEnd, Consumer<byte[]> beforeWrite) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    beforeWrite.accept(Arrays.copyOf(buffer, n));
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
