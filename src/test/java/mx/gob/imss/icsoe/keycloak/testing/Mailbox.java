package mx.gob.imss.icsoe.keycloak.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP sink (GreenMail) on a loopback port of the test JVM. Tests look only at the messages to
 * their own fresh users' addresses, so the shared mailbox needs no purging between tests.
 */
public final class Mailbox implements AutoCloseable {

    private final GreenMail greenMail;

    public Mailbox(int port) {
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.greenMail.start();
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Every message received so far, oldest first. */
    public List<ReceivedEmail> all() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(ReceivedEmail::new).toList();
    }

    /** The messages received so far for this recipient (case-insensitive), oldest first. */
    public List<ReceivedEmail> messagesTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> isTo(message, address))
                .map(ReceivedEmail::new)
                .toList();
    }

    /**
     * Waits until at least {@code count} messages reached {@code address}.
     *
     * @throws AssertionError with what did arrive, when they do not arrive in time
     */
    public List<ReceivedEmail> awaitMessagesTo(String address, int count, Duration timeout) {
        return awaitMessagesTo(address, message -> true, count, timeout);
    }

    /**
     * Waits until at least {@code count} messages that satisfy {@code which} reached {@code address};
     * returns those, oldest first.
     *
     * @throws AssertionError with what did arrive, when they do not arrive in time
     */
    public List<ReceivedEmail> awaitMessagesTo(String address, Predicate<ReceivedEmail> which, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ReceivedEmail> received = messagesTo(address, which);
        while (received.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for mail", e);
            }
            received = messagesTo(address, which);
        }
        if (received.size() < count) {
            throw new AssertionError("Expected " + count + " message(s) to " + address + " within "
                    + timeout.toSeconds() + " s, got " + received.size());
        }
        return received;
    }

    /** The messages received so far for this recipient that satisfy {@code which}, oldest first. */
    public List<ReceivedEmail> messagesTo(String address, Predicate<ReceivedEmail> which) {
        return messagesTo(address).stream().filter(which).toList();
    }

    /** Waits for the first message to {@code address} and returns it. */
    public ReceivedEmail awaitOneTo(String address) {
        return awaitMessagesTo(address, 1, Duration.ofSeconds(20)).get(0);
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            if (recipients == null) {
                return false;
            }
            // the exact address: "otra.x@y" must not count as mail to "x@y"
            return Arrays.stream(recipients).anyMatch(r ->
                    (r instanceof InternetAddress internet ? internet.getAddress() : r.toString()).equalsIgnoreCase(address));
        } catch (MessagingException e) {
            return false;
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
