package mx.gob.imss.icsoe.keycloak.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import org.junit.jupiter.api.Test;

class MailFailureLogFilterTest {

    private static final String ADDRESS = "ana.lopez@empresa.example";

    private final MailFailureLogFilter filter = new MailFailureLogFilter(null);

    @Test
    void givenAMailFailureQuotingTheRecipientThenTheLineKeepsOnlyClassNames() {
        LogRecord record = new LogRecord(Level.SEVERE, "KC-SERVICES0029: Failed to send email");
        record.setThrown(new RuntimeException("wrapped",
                new SendFailedException("Invalid Addresses", new MessagingException("550 5.1.1 <" + ADDRESS + ">: Recipient address rejected"))));

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getMessage()).isEqualTo("KC-SERVICES0029: Failed to send email");
        assertThat(record.getThrown().getMessage()).doesNotContain(ADDRESS).doesNotContain("550")
                .contains("jakarta.mail.SendFailedException").contains("jakarta.mail.MessagingException");
        assertThat(record.getThrown().getCause()).isNull();
        assertThat(record.getThrown().getStackTrace()).isEmpty();
    }

    @Test
    void givenAnotherFailureThenItIsLeftAsItIs() {
        IllegalStateException other = new IllegalStateException("no mail here");
        LogRecord record = new LogRecord(Level.SEVERE, "something else");
        record.setThrown(other);

        assertThat(filter.isLoggable(record)).isTrue();
        assertThat(record.getThrown()).isSameAs(other);
    }

    @Test
    void givenAFilterAlreadyThereThenItStillDecides() {
        LogRecord record = new LogRecord(Level.INFO, "x");
        assertThat(new MailFailureLogFilter(r -> false).isLoggable(record)).isFalse();
        assertThat(new MailFailureLogFilter(r -> true).isLoggable(record)).isTrue();
    }
}
