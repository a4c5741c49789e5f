package mx.gob.imss.icsoe.keycloak.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** A message GreenMail received, with its parts decoded for assertions. */
public final class ReceivedEmail {

    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");

    private final MimeMessage message;
    private String html;
    private String text;

    public ReceivedEmail(MimeMessage message) {
        this.message = message;
        try {
            collect(message);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable message", e);
        }
    }

    public MimeMessage raw() {
        return message;
    }

    public String subject() {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bare sender address, e.g. {@code icsoe@imss.gob.mx}. */
    public String from() {
        try {
            return ((InternetAddress) message.getFrom()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sender's display name, or null. */
    public String fromName() {
        try {
            return ((InternetAddress) message.getFrom()[0]).getPersonal();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String to() {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/html part, or null when there is none. */
    public String html() {
        return html;
    }

    /** The text/plain part, or null when there is none. */
    public String text() {
        return text;
    }

    /** Every http(s) URL of the plain-text part (or of the HTML part when there is no text), in order. */
    public List<String> links() {
        String source = text != null ? text : html;
        Set<String> links = new LinkedHashSet<>();
        if (source != null) {
            Matcher matcher = URL.matcher(source);
            while (matcher.find()) {
                links.add(matcher.group().replace("&amp;", "&"));
            }
        }
        return new ArrayList<>(links);
    }

    /** The first link that contains {@code fragment} (e.g. "action-token"). */
    public String linkContaining(String fragment) {
        return links().stream().filter(link -> link.contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("No link containing '" + fragment + "' in: " + links()));
    }

    private void collect(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && text == null) {
            text = String.valueOf(part.getContent());
        } else if (part.isMimeType("text/html") && html == null) {
            html = String.valueOf(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body);
            }
        }
    }

    @Override
    public String toString() {
        return "ReceivedEmail[subject=" + subject() + "]";
    }
}
