package mx.gob.imss.icsoe.keycloak.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP relay in front of a real sink (GreenMail) that fails on demand, for the retry paths of a
 * durable mail outbox: it goes {@link #down()} and comes back {@link #up()} on the same port, answers a
 * recipient's first {@code RCPT} with a temporary 451, refuses sessions over a limit with 421, hangs up
 * after the sink accepted a message but before the sender heard so (the recipient has the mail, the
 * sender must assume it failed: a retry then delivers a duplicate), and holds the acceptance. With every
 * switch off it is a transparent relay. It reads the conversation one command at a time (Jakarta Mail
 * does not pipeline), so that each reply belongs to a known command. Switches may be turned while it
 * runs. Loopback only; daemon threads; {@link #close()} ends everything.
 */
public final class FlakySmtpRelay implements AutoCloseable {

    private static final byte[] TEMP_FAIL = "451 4.7.1 Try again later\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOO_MANY = "421 4.7.0 Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int upstreamPort;
    private final int port;
    private final Object lock = new Object();
    private final Set<Conversation> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server; // guarded by lock; null while down
    private boolean closed; // guarded by lock
    private int active; // guarded by lock

    private volatile Set<String> tempFailed; // null: off
    private volatile Set<String> cutFor; // null: off
    private volatile int limit;
    private volatile Duration hold = Duration.ZERO;

    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger refusedByLimit = new AtomicInteger();
    private final AtomicInteger tempFailures = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    /** Listens at once on a free loopback port, which stays its port across {@link #down()}/{@link #up()}. */
    public FlakySmtpRelay(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        synchronized (lock) {
            this.port = listen(0);
        }
    }

    public int port() {
        return port;
    }

    /** Stops listening and drops every open session: new connections are refused until {@link #up()}. */
    public void down() {
        synchronized (lock) {
            closeQuietly(server);
            server = null;
        }
        open.forEach(Conversation::end);
    }

    /** Listens again on the same port (SO_REUSEADDR, so the closed sessions' TIME_WAIT does not block it). */
    public void up() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("relay closed");
            }
            if (server == null) {
                try {
                    listen(port);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot listen again on port " + port, e);
                }
            }
        }
    }

    /** On: the first RCPT for each address (case-insensitive) from now on is answered 451 by the relay. */
    public void tempFailFirstRcptPerRecipient(boolean on) {
        tempFailed = on ? ConcurrentHashMap.newKeySet() : null;
    }

    /** At most {@code n} sessions at once (0: no limit); one more gets a 421 greeting and is closed. */
    public void connectionLimit(int n) {
        limit = n;
    }

    /** On: the first message to each recipient from now on reaches the sink, then the client is cut off before its 250. */
    public void cutBeforeAcceptanceOncePerRecipient(boolean on) {
        cutFor = on ? ConcurrentHashMap.newKeySet() : null;
    }

    /** Holds the sink's answer to each end of message for {@code d} (zero: not at all). */
    public void holdAcceptance(Duration d) {
        hold = d;
    }

    /** Sessions that reached the sink. */
    public int sessions() {
        return sessions.get();
    }

    public int refusedByLimit() {
        return refusedByLimit.get();
    }

    public int tempFailures() {
        return tempFailures.get();
    }

    public int cuts() {
        return cuts.get();
    }

    public int maxConcurrentSessions() {
        return maxConcurrent.get();
    }

    /** Sessions open now (one that sent QUIT no longer counts). */
    public int activeSessions() {
        synchronized (lock) {
            return active;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        down();
    }

    private int listen(int at) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), at), 50);
        server = socket;
        daemon("flaky-smtp-acceptor", () -> acceptLoop(socket));
        return socket.getLocalPort();
    }

    private void acceptLoop(ServerSocket socket) {
        while (true) {
            try {
                Conversation conversation = admit(socket, socket.accept());
                if (conversation != null) {
                    daemon("flaky-smtp-session", conversation::run);
                }
            } catch (IOException e) {
                return; // down() or close()
            }
        }
    }

    /** Decided under the lock, so that down() cannot miss a session and the limit is never passed. */
    private Conversation admit(ServerSocket from, Socket client) {
        synchronized (lock) {
            if (server != from) {
                closeQuietly(client);
                return null;
            }
            int max = limit;
            if (max > 0 && active >= max) {
                refusedByLimit.incrementAndGet();
                try (client) {
                    client.getOutputStream().write(TOO_MANY);
                } catch (IOException ignored) {
                    // the client left already
                }
                return null;
            }
            active++;
            maxConcurrent.accumulateAndGet(active, Math::max);
            Conversation conversation = new Conversation(client);
            open.add(conversation);
            return conversation;
        }
    }

    /** One client's session, relayed command by command to its own upstream connection. */
    private final class Conversation {
        private final Socket client;
        private volatile Socket upstream;
        private final AtomicBoolean released = new AtomicBoolean();

        Conversation(Socket client) {
            this.client = client;
        }

        void run() {
            try (Socket sink = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                upstream = sink;
                if (released.get()) {
                    return; // down() came first
                }
                sessions.incrementAndGet();
                InputStream fromClient = new BufferedInputStream(client.getInputStream());
                OutputStream toClient = client.getOutputStream();
                InputStream fromSink = new BufferedInputStream(sink.getInputStream());
                OutputStream toSink = new BufferedOutputStream(sink.getOutputStream());
                toClient.write(reply(fromSink).bytes()); // greeting
                List<String> recipients = new ArrayList<>();
                for (byte[] line; (line = readLine(fromClient)) != null; ) {
                    String command = new String(line, StandardCharsets.ISO_8859_1);
                    String verb = command.strip().split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                    Set<String> failing = tempFailed;
                    if (verb.equals("RCPT") && failing != null && failing.add(address(command))) {
                        tempFailures.incrementAndGet();
                        toClient.write(TEMP_FAIL);
                        continue;
                    }
                    toSink.write(line);
                    toSink.flush();
                    Reply reply = reply(fromSink);
                    switch (verb) {
                        case "MAIL", "RSET" -> recipients.clear();
                        case "RCPT" -> {
                            if (reply.positive()) {
                                recipients.add(address(command));
                            }
                        }
                        case "QUIT" -> release(); // before the 221, so a client's next connect finds the slot free
                        case "DATA" -> {
                            if (reply.code().equals("354")) {
                                toClient.write(reply.bytes());
                                copyMessage(fromClient, toSink);
                                reply = reply(fromSink); // the sink has the message once it answers 250
                                Thread.sleep(hold.toMillis());
                                Set<String> cutting = cutFor;
                                if (cutting != null && reply.positive() && cutting.addAll(recipients)) {
                                    cuts.incrementAndGet();
                                    hangUp(sink, fromClient);
                                    return;
                                }
                                recipients.clear();
                            }
                        }
                        default -> { }
                    }
                    toClient.write(reply.bytes());
                }
            } catch (IOException | InterruptedException e) {
                // a peer hung up, or down()/close()
            } finally {
                end();
            }
        }

        /**
         * Ends the session where the 250 should come. Half-closes only, and reads what the client still
         * says (RSET, QUIT), so its writes never meet a reset: the same failure whatever the timing.
         */
        private void hangUp(Socket sink, InputStream fromClient) throws IOException {
            sink.close();
            client.shutdownOutput();
            client.setSoTimeout(5_000);
            while (fromClient.read() >= 0) {
                // drain until the client hangs up too
            }
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                open.remove(this);
                synchronized (lock) {
                    active--;
                }
            }
        }

        void end() {
            release();
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private record Reply(String code, byte[] bytes) {
        boolean positive() {
            return code.startsWith("2");
        }
    }

    /** A whole reply, with its {@code 250-} continuation lines. */
    private static Reply reply(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            byte[] line = readLine(in);
            if (line == null) {
                throw new EOFException("upstream hung up");
            }
            all.write(line);
            if (line.length < 4 || line[3] != '-') {
                return new Reply(new String(line, 0, Math.min(3, line.length), StandardCharsets.US_ASCII), all.toByteArray());
            }
        }
    }

    /** Passes the message through as it is, up to and including the line with a lone dot. */
    private static void copyMessage(InputStream in, OutputStream out) throws IOException {
        for (byte[] line; (line = readLine(in)) != null; ) {
            out.write(line);
            String text = new String(line, StandardCharsets.ISO_8859_1);
            if (text.equals(".\r\n") || text.equals(".\n")) {
                out.flush();
                return;
            }
        }
        throw new EOFException("client hung up inside DATA");
    }

    /** One line with its line end; null at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b; (b = in.read()) >= 0; ) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return null;
    }

    private static String address(String rcpt) {
        int lt = rcpt.indexOf('<');
        int gt = rcpt.indexOf('>', lt + 1);
        String address = lt >= 0 && gt > lt ? rcpt.substring(lt + 1, gt) : rcpt.substring(rcpt.indexOf(':') + 1).strip();
        return address.toLowerCase(Locale.ROOT);
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
