package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.mail.MessagingException;

import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.FlakySmtpRelay;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.MetricsScrape;
import mx.gob.imss.icsoe.keycloak.testing.ReceivedEmail;
import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;
import mx.gob.imss.icsoe.keycloak.testing.pages.UpdatePasswordPage;

/**
 * "Enviada" is a promise the outbox keeps when the relay misbehaves as real relays do: down for a
 * minute, a {@code 451} greylist, a connection limit answered with {@code 421}, a connection cut
 * after the message before its {@code 250}. Each person gets a link that works, once (twice at most
 * after a cut, then with one Message-ID); a link that could only arrive late is abandoned, with its
 * event and its count. The relay ({@link FlakySmtpRelay}) stands in front of this run's GreenMail.
 */
@ExtendWith(KeycloakExtension.class)
class OutboxDeliveryIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final String FIGURES = "[outbox-figures]";

    private FlakySmtpRelay relay;

    @BeforeEach
    void relayInFront(IcsoeKeycloak kc) throws Exception {
        MetricsScrape.awaitIdle(kc.managementUrl());
        relay = new FlakySmtpRelay(kc.smtpPort());
        kc.setSmtp("127.0.0.1", relay.port());
    }

    @AfterEach
    void relayGone(IcsoeKeycloak kc) throws Exception {
        kc.restoreSmtp();
        relay.close();
    }

    @Test
    void givenTheRelayDownForAMinute_whenItComesBack_thenEveryPersonGetsExactlyOneWorkingLink(IcsoeKeycloak kc)
            throws Exception {
        MetricsScrape before = MetricsScrape.awaitIdle(kc.managementUrl());
        relay.down();
        long started = System.nanoTime();
        List<Capturista> people = requestAtOnce(kc, 10);
        // every row has met the dead relay at least once ...
        MetricsScrape.await(kc.managementUrl(), scrape -> scrape.since(before, MetricsScrape.OUTBOX_ATTEMPTS, "kind",
                "reset_link", "result", "retry") >= people.size(), "a failed attempt of every row");
        // ... and the outage lasts its minute: its length is the scenario, not a wait for an outcome
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - started) / 1_000_000));
        assertThat(people).as("nothing can arrive while the relay is down")
                .allSatisfy(person -> assertThat(kc.mailbox().messagesTo(person.email())).isEmpty());
        relay.up();
        long up = System.nanoTime();
        List<ReceivedEmail> emails = exactlyOneWorkingLinkEach(kc, people);
        MetricsScrape after = MetricsScrape.awaitIdle(kc.managementUrl());
        System.out.printf("%s relay down 60 s: %d/%d arrived, each once, all within %.1f s of the relay's return"
                        + " (%.1f s after the requests); retries counted %.0f%n", FIGURES, emails.size(), people.size(),
                (System.nanoTime() - up) / 1e9, (System.nanoTime() - started) / 1e9,
                after.since(before, MetricsScrape.OUTBOX_ATTEMPTS, "kind", "reset_link", "result", "retry"));
        assertThat(after.since(before, MetricsScrape.OUTBOX_ATTEMPTS, "kind", "reset_link", "result", "retry"))
                .as("each row was tried while the relay was down, and again").isGreaterThanOrEqualTo(people.size());
    }

    @Test
    void givenA451OnceForEachRecipient_thenEachIsRetriedAndArrivesOnce(IcsoeKeycloak kc) throws Exception {
        relay.tempFailFirstRcptPerRecipient(true);
        MetricsScrape before = MetricsScrape.awaitIdle(kc.managementUrl());
        long started = System.nanoTime();
        List<Capturista> people = requestAtOnce(kc, 10);
        List<ReceivedEmail> emails = exactlyOneWorkingLinkEach(kc, people);
        MetricsScrape after = MetricsScrape.awaitIdle(kc.managementUrl());
        System.out.printf("%s 451 once per recipient: %d/%d arrived, each once, within %.1f s; 451s answered %d%n", FIGURES,
                emails.size(), people.size(), (System.nanoTime() - started) / 1e9, relay.tempFailures());
        assertThat(relay.tempFailures()).isEqualTo(people.size());
        assertThat(after.since(before, MetricsScrape.OUTBOX_REPLIES, "class", "4xx")).isGreaterThanOrEqualTo(people.size());
        assertThat(after.since(before, MetricsScrape.OUTBOX_ATTEMPTS, "kind", "reset_link", "result", "sent"))
                .isEqualTo(people.size());
    }

    @Test
    void givenARelayOfTwoConnectionsThatAnswers421BeyondThem_when40AskAtOnce_then40Of40ArriveOnce(IcsoeKeycloak kc)
            throws Exception {
        relay.connectionLimit(2);
        relay.holdAcceptance(Duration.ofMillis(300));
        long started = System.nanoTime();
        List<Capturista> people = requestAtOnce(kc, 40);
        List<ReceivedEmail> emails = exactlyOneWorkingLinkEach(kc, people);
        System.out.printf("%s 2-connection relay, 421 beyond: %d/%d arrived, each once, within %.1f s;"
                        + " 421s answered %d, most sessions at once %d%n", FIGURES, emails.size(), people.size(),
                (System.nanoTime() - started) / 1e9, relay.refusedByLimit(), relay.maxConcurrentSessions());
        assertThat(relay.maxConcurrentSessions()).isLessThanOrEqualTo(2);
    }

    @Test
    void givenACutAfterTheMessageBeforeIts250_thenAtMostTwoCopiesWithOneMessageId(IcsoeKeycloak kc) throws Exception {
        relay.cutBeforeAcceptanceOncePerRecipient(true);
        List<Capturista> people = requestAtOnce(kc, 3);
        for (Capturista person : people) {
            kc.mailbox().awaitMessagesTo(person.email(), 2, ARRIVAL);
        }
        MetricsScrape.awaitIdle(kc.managementUrl());
        int copies = 0;
        for (Capturista person : people) {
            List<ReceivedEmail> received = kc.mailbox().messagesTo(person.email());
            assertThat(received).as("the cut copy and the resent one, no more").hasSize(2);
            assertThat(messageId(received.get(1))).as("one Message-ID across attempts").isEqualTo(messageId(received.get(0)))
                    .isNotBlank();
            assertThat(received.get(1).linkContaining("action-token")).as("the same link in both copies")
                    .isEqualTo(received.get(0).linkContaining("action-token"));
            opensTheNewPasswordPage(received.get(1).linkContaining("action-token"));
            copies += received.size();
        }
        System.out.printf("%s cut before the 250: %d copies for %d people, each pair one Message-ID and one link; cuts %d%n",
                FIGURES, copies, people.size(), relay.cuts());
        assertThat(relay.cuts()).isEqualTo(people.size());
    }

    @Test
    void givenTheRelayDownPastHalfTheLinksLifespan_thenNoEmailOneEventAndTheCount(IcsoeKeycloak kc) throws Exception {
        String lifespan = ResetItSupport.resetLifespan(kc.realm());
        boolean stored = ResetItSupport.storeEvents(kc.realm(), true);
        ResetItSupport.setResetLifespan(kc.realm(), "20");
        try {
            relay.down();
            MetricsScrape before = MetricsScrape.awaitIdle(kc.managementUrl());
            Capturista person = kc.users().create();
            assertThat(ResetRequestPage.sentText(ResetItSupport.submitFresh(kc, person.curp(), person.email())))
                    .startsWith(ResetItSupport.SENT_TEXT);
            MetricsScrape after = MetricsScrape.await(kc.managementUrl(), scrape -> scrape.idle()
                    && scrape.since(before, MetricsScrape.OUTBOX_ATTEMPTS, "kind", "reset_link", "result", "abandoned") >= 1,
                    "the abandoned row");
            relay.up();
            ResetItSupport.awaitEvent(kc, "SEND_RESET_PASSWORD_ERROR", person.id(), ResetMail.EVENT_ABANDONED);
            // the outbox is idle and its only row was abandoned: nothing is left that could still send
            assertThat(MetricsScrape.of(kc.managementUrl()).idle()).isTrue();
            assertThat(kc.mailbox().messagesTo(person.email())).as("a link past half its lifespan is never sent").isEmpty();
            assertThat(ResetItSupport.events(kc.realm(), "SEND_RESET_PASSWORD_ERROR", person.id()))
                    .filteredOn(e -> ResetMail.EVENT_ABANDONED.equals(e.getError())).hasSize(1);
            assertThat(after.since(before, MetricsScrape.OUTBOX_ATTEMPTS, "kind", "reset_link", "result", "abandoned"))
                    .isEqualTo(1);
            assertThat(after.since(before, MetricsScrape.MAIL_MESSAGES, "email", "reset_link", "result", "failed")).isEqualTo(1);
            System.out.printf("%s relay down past half a 20 s lifespan: 0 emails, 1 abandoned event, abandoned count %.0f%n",
                    FIGURES, after.since(before, MetricsScrape.OUTBOX_ATTEMPTS, "kind", "reset_link", "result", "abandoned"));
        } finally {
            ResetItSupport.setResetLifespan(kc.realm(), lifespan);
            ResetItSupport.storeEvents(kc.realm(), stored);
        }
    }

    /** {@code count} new capturistas ask at once, each from its own address; each gets "enviada". */
    static List<Capturista> requestAtOnce(IcsoeKeycloak kc, int count) throws Exception {
        List<Capturista> people = IntStream.range(0, count).mapToObj(i -> kc.users().create()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (Capturista person : people) {
                answers.add(pool.submit(() -> ResetRequestPage.sentText(
                        ResetItSupport.submitFresh(kc, person.curp(), person.email()))));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).startsWith(ResetItSupport.SENT_TEXT);
            }
        } finally {
            pool.shutdown();
        }
        return people;
    }

    /** Waits for each person's email, then, once the outbox is idle, checks there is one each and its link works. */
    static List<ReceivedEmail> exactlyOneWorkingLinkEach(IcsoeKeycloak kc, List<Capturista> people) {
        for (Capturista person : people) {
            kc.mailbox().awaitMessagesTo(person.email(), 1, ARRIVAL);
        }
        MetricsScrape.awaitIdle(kc.managementUrl());
        List<ReceivedEmail> emails = new ArrayList<>();
        for (Capturista person : people) {
            List<ReceivedEmail> received = kc.mailbox().messagesTo(person.email());
            assertThat(received).as("exactly one email to %s", person.email()).hasSize(1);
            opensTheNewPasswordPage(received.get(0).linkContaining("action-token"));
            emails.add(received.get(0));
        }
        return emails;
    }

    static void opensTheNewPasswordPage(String link) {
        try (WebClient web = ResetItSupport.browser()) {
            UpdatePasswordPage.follow(web, link);
        }
    }

    static String messageId(ReceivedEmail email) {
        try {
            return email.raw().getMessageID();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
