package mx.gob.imss.icsoe.keycloak.mail;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps email addresses out of Keycloak's own "Failed to send email" line. That line (category
 * {@value #CATEGORY}) carries the mail exception, and a mail server's refusal quotes the recipient
 * ({@code 550 5.1.1 <ana@example.mx>: Recipient address rejected}). For any record of that category
 * whose exception chain holds a Jakarta Mail exception, the exception is replaced by one that names
 * only the classes of the chain; the line itself and its level stay. No category level could do
 * this without silencing all of {@value #CATEGORY}.
 */
public final class MailFailureLogFilter implements Filter {

    static final String CATEGORY = "org.keycloak.services";
    private static final String MAIL_PACKAGE = "jakarta.mail.";
    /** Held so the configured logger cannot be collected with its filter. */
    private static final Logger TARGET = Logger.getLogger(CATEGORY);

    private final Filter next;

    MailFailureLogFilter(Filter next) {
        this.next = next;
    }

    /** Installs the filter once per JVM, in front of any filter already there. */
    public static synchronized void install() {
        Filter current = TARGET.getFilter();
        if (!(current instanceof MailFailureLogFilter)) {
            TARGET.setFilter(new MailFailureLogFilter(current));
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown != null && involvesMail(thrown)) {
            record.setThrown(new RedactedMailFailure(classChain(thrown)));
        }
        return next == null || next.isLoggable(record);
    }

    static boolean involvesMail(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith(MAIL_PACKAGE)) {
                return true;
            }
        }
        return false;
    }

    /** The class names of the chain, outermost first: what failed, never what the server said. */
    public static String classChain(Throwable thrown) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = thrown; t != null && chain.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(chain.length() == 0 ? "" : " <- ").append(t.getClass().getName());
        }
        return chain.toString();
    }

    /** Stands in for the mail exception in the log: its message is the class chain, with no stack. */
    static final class RedactedMailFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedMailFailure(String classChain) {
            super("mail failure (server reply withheld): " + classChain, null, false, false);
        }
    }
}
