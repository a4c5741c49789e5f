package mx.gob.imss.icsoe.keycloak.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's failures must be the ones the outbox's integration tests think they are: each is sent
 * through with Jakarta Mail (Angus), as Keycloak sends, and checked both at the sender and in the sink.
 * The exception types asserted here are the ones an outbox has to classify; a Jakarta Mail upgrade
 * that changes them fails here first.
 */
class FlakySmtpRelayTest {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static Mailbox mailbox;

    private FlakySmtpRelay relay;
    private final List<Transport> transports = new ArrayList<>();

    @BeforeAll
    static void startSink() {
        mailbox = new Mailbox(FreePorts.any());
    }

    @AfterAll
    static void stopSink() {
        mailbox.close();
    }

    @BeforeEach
    void startRelay() throws Exception {
        relay = new FlakySmtpRelay(mailbox.port());
    }

    @AfterEach
    void stopRelay() throws MessagingException {
        for (Transport transport : transports) {
            transport.close();
        }
        relay.close();
    }

    @Test
    void givenNoSwitchOnThenTheMessageArrives() throws Exception {
        String to = freshAddress();

        send(to);

        assertThat(mailbox.messagesTo(to)).hasSize(1);
        assertThat(relay.sessions()).isEqualTo(1);
        assertThat(relay.tempFailures() + relay.refusedByLimit() + relay.cuts()).isZero();
    }

    @Test
    void givenDownThenConnectionsAreRefusedAndOpenSessionsDropped_thenUpOnTheSamePortDeliversAgain() throws Exception {
        String to = freshAddress();
        int port = relay.port();
        Transport open = connected();

        relay.down();

        assertThat(open.isConnected()).as("an open session is dropped").isFalse();
        Throwable refused = catchThrowable(() -> send(to));
        assertThat(refused).isInstanceOf(MailConnectException.class).hasCauseInstanceOf(ConnectException.class);
        assertThat(mailbox.messagesTo(to)).isEmpty();

        relay.up();

        assertThat(relay.port()).isEqualTo(port);
        send(to);
        assertThat(mailbox.messagesTo(to)).hasSize(1);
    }

    @Test
    void givenTempFailThenEachRecipientsFirstRcptGets451AndTheNextPasses() throws Exception {
        String to = freshAddress();
        String other = freshAddress();
        relay.tempFailFirstRcptPerRecipient(true);

        Throwable first = catchThrowable(() -> send(to));

        assertThat(first).isExactlyInstanceOf(SendFailedException.class);
        assertThat(returnCode(first)).isEqualTo(451);
        assertThat(((SendFailedException) first).getValidUnsentAddresses()).extracting(Object::toString).containsExactly(to);
        assertThat(mailbox.messagesTo(to)).isEmpty();

        send(to.toUpperCase(Locale.ROOT)); // the same address, in other letters

        assertThat(mailbox.messagesTo(to)).hasSize(1);
        assertThat(returnCode(catchThrowable(() -> send(other)))).isEqualTo(451);
        assertThat(mailbox.messagesTo(other)).isEmpty();
        assertThat(relay.tempFailures()).isEqualTo(2);
    }

    @Test
    void givenALimitOfTwoThenAThirdSessionGets421UntilOneCloses() throws Exception {
        relay.connectionLimit(2);
        Transport first = connected();
        connected();

        Throwable third = catchThrowable(this::connected);

        assertThat(third).isExactlyInstanceOf(MessagingException.class)
                .hasMessageContaining("421 4.7.0 Too many connections");
        assertThat(relay.refusedByLimit()).isEqualTo(1);

        first.close();
        assertThat(relay.activeSessions()).as("QUIT frees the slot before the client hears 221").isEqualTo(1);
        connected();

        assertThat(relay.sessions()).isEqualTo(3);
        assertThat(relay.maxConcurrentSessions()).isEqualTo(2);
        assertThat(relay.refusedByLimit()).isEqualTo(1);
    }

    @Test
    void givenCutThenTheFirstMessageArrivesButTheSenderFails_thenTheNextOnePasses() throws Exception {
        String to = freshAddress();
        relay.cutBeforeAcceptanceOncePerRecipient(true);

        Throwable cut = catchThrowable(() -> send(to));

        // the client reads end of stream where the 250 should be
        assertThat(cut).isInstanceOf(SMTPSendFailedException.class).hasMessage("[EOF]");
        assertThat(((SMTPSendFailedException) cut).getReturnCode()).isEqualTo(-1);
        assertThat(mailbox.messagesTo(to)).as("the sink accepted it before the cut").hasSize(1);
        assertThat(relay.cuts()).isEqualTo(1);

        send(to);

        assertThat(mailbox.messagesTo(to)).hasSize(2);
        assertThat(relay.cuts()).isEqualTo(1);
    }

    @Test
    void givenAHoldThenTheSendLastsAtLeastTheHoldAndArrives() throws Exception {
        String to = freshAddress();
        Duration hold = Duration.ofMillis(600);
        relay.holdAcceptance(hold);

        long start = System.nanoTime();
        send(to);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isGreaterThanOrEqualTo(hold);
        assertThat(mailbox.messagesTo(to)).hasSize(1);
    }

    private static String freshAddress() {
        return "flaky-" + NEXT.incrementAndGet() + "-" + System.nanoTime() + "@icsoe.test";
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(relay.port()));
        properties.put("mail.smtp.connectiontimeout", "3000");
        properties.put("mail.smtp.timeout", "3000");
        return Session.getInstance(properties);
    }

    private void send(String to) throws MessagingException {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress("no-reply@icsoe.test"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Prueba del relevo");
        message.setText("Hola");
        Transport.send(message);
    }

    /** A connected transport, closed after the test. */
    private Transport connected() throws MessagingException {
        Transport transport = session().getTransport("smtp");
        transport.connect();
        transports.add(transport);
        return transport;
    }

    /** The throwable and everything it wraps, through {@link MessagingException#getNextException()} too. */
    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static int returnCode(Throwable thrown) {
        return causes(thrown).stream()
                .filter(SMTPAddressFailedException.class::isInstance)
                .map(SMTPAddressFailedException.class::cast)
                .findFirst()
                .map(SMTPAddressFailedException::getReturnCode)
                .orElseThrow(() -> new AssertionError("No SMTPAddressFailedException in " + causes(thrown)));
    }
}
