package mx.gob.imss.icsoe.keycloak.mail;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.internet.AddressException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What one attempt to hand an email to the relay came to, and the class of the relay's reply
 * ({@code 2xx}, {@code 4xx}, {@code 5xx}, or {@code none} when there was no reply: refused, timed
 * out, cut). Only a {@code 5xx} (and an address that cannot be written) is permanent: everything
 * else, including a connection cut after the message before its {@code 250}, is worth another try.
 *
 * @param detail reply class and the failure's class name, for the row and the event: never what the
 *               server said (it may quote the address)
 */
public record SendResult(Outcome outcome, String replyClass, String detail) {

    public enum Outcome { SENT, TEMPORARY, PERMANENT }

    private static final String ACCEPTED = "2xx";
    private static final String TRY_LATER = "4xx";
    private static final String REFUSED = "5xx";
    static final String NO_REPLY = "none";
    /** Every reply class an attempt can end in. */
    static final List<String> REPLY_CLASSES = List.of(ACCEPTED, TRY_LATER, REFUSED, NO_REPLY);
    /** How Angus names a refused greeting: {@code "… response: 421"} (no exception type carries it). */
    private static final Pattern RESPONSE_CODE = Pattern.compile("response:\\s*\\[?(\\d)\\d\\d");

    static SendResult sent() {
        return new SendResult(Outcome.SENT, ACCEPTED, ACCEPTED);
    }

    /** Classifies a failed attempt by the reply codes in {@code failure}'s chain. */
    static SendResult of(Throwable failure) {
        boolean temporary = false;
        boolean permanent = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            int code = codeOf(t);
            if (code >= 400 && code < 500) {
                temporary = true;
            } else if (code >= 500 && code < 600) {
                permanent = true;
            } else if (t instanceof AddressException) {
                return new SendResult(Outcome.PERMANENT, NO_REPLY, NO_REPLY + ' ' + t.getClass().getSimpleName());
            }
        }
        String name = failure.getClass().getSimpleName();
        if (temporary) {
            return new SendResult(Outcome.TEMPORARY, TRY_LATER, TRY_LATER + ' ' + name);
        }
        if (permanent && !(failure instanceof AuthenticationFailedException)) {
            return new SendResult(Outcome.PERMANENT, REFUSED, REFUSED + ' ' + name);
        }
        // no reply at all, or a refused login (an operator fixes the credentials; the rows wait)
        return new SendResult(Outcome.TEMPORARY, permanent ? REFUSED : NO_REPLY, (permanent ? REFUSED : NO_REPLY) + ' ' + name);
    }

    private static int codeOf(Throwable t) {
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        String message = t.getMessage();
        if (message != null) {
            Matcher matcher = RESPONSE_CODE.matcher(message);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1)) * 100;
            }
        }
        return -1;
    }
}
