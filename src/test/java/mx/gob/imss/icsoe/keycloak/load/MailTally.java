package mx.gob.imss.icsoe.keycloak.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import mx.gob.imss.icsoe.keycloak.testing.Mailbox;
import mx.gob.imss.icsoe.keycloak.testing.ReceivedEmail;

/**
 * Every email a phase made, read from the SMTP sink: which were due (one reset link per matching
 * attempt, and in a whole recovery one "contraseña actualizada" confirmation too), which never came,
 * which came twice, and which went where nothing was due.
 */
record MailTally(long due, long received, long lost, long duplicated, long unexpected) {

    /** The kinds of email a phase can cause. */
    enum Kind { RESET_LINK, OTHER }

    static MailTally expecting(Mailbox mailbox, List<LoadPlan.Attempt> attempts, String tag, Map<Kind, Integer> perRecipient,
                               Duration timeout) {
        Set<String> due = attempts.stream().map(LoadPlan.Attempt::recipient).filter(Objects::nonNull)
                .map(address -> address.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        long expected = (long) due.size() * perRecipient.values().stream().mapToInt(Integer::intValue).sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivedFor(mailbox, due) < expected && System.nanoTime() < deadline) {
            ServerProbe.sleep(500);
        }
        ServerProbe.sleep(3000); // time for a duplicate to show up
        Map<String, Map<Kind, Integer>> seen = count(mailbox, tag);
        long lost = 0;
        long duplicated = 0;
        for (String address : due) {
            Map<Kind, Integer> got = seen.getOrDefault(address, Map.of());
            for (Map.Entry<Kind, Integer> want : perRecipient.entrySet()) {
                int n = got.getOrDefault(want.getKey(), 0);
                lost += Math.max(0, want.getValue() - n);
                duplicated += Math.max(0, n - want.getValue());
            }
        }
        long unexpected = seen.entrySet().stream().filter(e -> !due.contains(e.getKey()))
                .mapToLong(e -> e.getValue().values().stream().mapToInt(Integer::intValue).sum()).sum();
        long received = seen.values().stream().flatMap(m -> m.values().stream()).mapToLong(Integer::longValue).sum();
        return new MailTally(expected, received, lost, duplicated, unexpected);
    }

    /** The first reset link received for {@code recipient}, or null (cheap: no scan of the other messages). */
    static String resetLink(Mailbox mailbox, String recipient) {
        return Arrays.stream(mailbox.greenMail().getReceivedMessagesForDomain(recipient))
                .map(ReceivedEmail::new)
                .flatMap(email -> email.links().stream())
                .filter(link -> link.contains("action-token"))
                .findFirst().orElse(null);
    }

    /** Messages so far to the due addresses (headers only: cheap enough to poll while mail still goes out). */
    private static long arrivedFor(Mailbox mailbox, Set<String> due) {
        return Arrays.stream(mailbox.greenMail().getReceivedMessages())
                .flatMap(message -> recipients(message).stream()).filter(due::contains).count();
    }

    /** Messages per recipient and kind, for recipients whose address contains {@code tag}. */
    private static Map<String, Map<Kind, Integer>> count(Mailbox mailbox, String tag) {
        Map<String, Map<Kind, Integer>> seen = new HashMap<>();
        for (MimeMessage message : mailbox.greenMail().getReceivedMessages()) {
            for (String address : recipients(message)) {
                if (address.contains(tag)) {
                    ReceivedEmail email = new ReceivedEmail(message);
                    Kind kind = email.links().stream().anyMatch(link -> link.contains("action-token")) ? Kind.RESET_LINK : Kind.OTHER;
                    seen.computeIfAbsent(address, a -> new HashMap<>()).merge(kind, 1, Integer::sum);
                }
            }
        }
        return seen;
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all)
                    .map(a -> (a instanceof InternetAddress internet ? internet.getAddress() : a.toString()).toLowerCase(Locale.ROOT))
                    .toList();
        } catch (MessagingException e) {
            return List.of();
        }
    }
}
