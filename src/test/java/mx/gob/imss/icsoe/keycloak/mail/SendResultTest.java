package mx.gob.imss.icsoe.keycloak.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.keycloak.email.EmailException;

import mx.gob.imss.icsoe.keycloak.mail.SendResult.Outcome;

class SendResultTest {

    private static final String QUOTED = "<ana@example.mx>";

    @Test
    void givenARefusedConnectionThenTryAgainWithNoReply() {
        SendResult result = SendResult.of(new EmailException("wrapped",
                new MessagingException("Couldn't connect to host, port: 127.0.0.1, 2525", new ConnectException("Connection refused"))));
        assertThat(result.outcome()).isEqualTo(Outcome.TEMPORARY);
        assertThat(result.replyClass()).isEqualTo("none");
    }

    @Test
    void givenATimeoutOrACutBeforeTheReplyThenTryAgain() {
        assertThat(SendResult.of(new MessagingException("Exception reading response", new SocketTimeoutException())).outcome())
                .isEqualTo(Outcome.TEMPORARY);
        assertThat(SendResult.of(new MessagingException("[EOF]")).outcome()).isEqualTo(Outcome.TEMPORARY);
    }

    @Test
    void givenA451ForTheRecipientThenTryAgain() {
        SendFailedException failed = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(null, "RCPT TO:" + QUOTED, 451, "451 4.7.1 Try again later"));
        SendResult result = SendResult.of(failed);
        assertThat(result.outcome()).isEqualTo(Outcome.TEMPORARY);
        assertThat(result.replyClass()).isEqualTo("4xx");
        assertThat(result.detail()).doesNotContain("ana").doesNotContain("Try again");
    }

    @Test
    void givenA421GreetingThenTryAgain() {
        MessagingException refused = new MessagingException(
                "Got bad greeting from SMTP host: 127.0.0.1, port: 2525, response: 421 4.7.0 Too many connections");
        assertThat(SendResult.of(refused).outcome()).isEqualTo(Outcome.TEMPORARY);
        assertThat(SendResult.of(refused).replyClass()).isEqualTo("4xx");
    }

    @Test
    void givenA5xxThenNeverAgain() {
        SendFailedException failed = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(null, "RCPT TO:" + QUOTED, 550, "550 5.1.1 " + QUOTED + " unknown"));
        assertThat(SendResult.of(failed).outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(SendResult.of(new EmailException("wrapped", new SMTPSendFailedException("DATA", 554, "554 no", null, null,
                null, null))).outcome()).isEqualTo(Outcome.PERMANENT);
    }

    @Test
    void givenBoth4xxAnd5xxInTheChainThenTryAgain() {
        SendFailedException failed = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(null, "RCPT", 451, "451 later"));
        failed.setNextException(new SMTPAddressFailedException(null, "RCPT", 550, "550 no"));
        assertThat(SendResult.of(new SendFailedException("outer", failed)).outcome()).isEqualTo(Outcome.TEMPORARY);
    }

    @Test
    void givenARefusedLoginThenTheRowWaitsForTheOperator() {
        assertThat(SendResult.of(new AuthenticationFailedException("535 5.7.8 bad credentials")).outcome())
                .isEqualTo(Outcome.TEMPORARY);
    }

    @Test
    void givenAnAddressThatCannotBeWrittenThenNeverAgain() {
        assertThat(SendResult.of(new AddressException("Illegal address", "not an address")).outcome())
                .isEqualTo(Outcome.PERMANENT);
    }
}
