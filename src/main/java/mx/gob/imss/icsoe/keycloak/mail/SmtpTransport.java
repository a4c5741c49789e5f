package mx.gob.imss.icsoe.keycloak.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.truststore.JSSETruststoreConfigurator;
import org.keycloak.vault.VaultStringSecret;

/**
 * Hands one rendered email to the realm's relay, as Keycloak's own sender would (the realm's SMTP
 * settings, its truststore, its vault for the password), with two differences the outbox needs: the
 * row's {@code Message-ID} on every attempt, and the relay's reply classified instead of swallowed.
 * A realm that signs in to its relay with a token (XOAUTH2) is sent through Keycloak's sender
 * instead: the reply is still classified, the Message-ID is then Keycloak's.
 */
final class SmtpTransport {

    private static final String TLS_PROTOCOLS = "TLSv1.3 TLSv1.2";

    SendResult send(KeycloakSession session, RenderedEmail email, String messageId) {
        Map<String, String> config = email.smtp();
        try {
            if ("token".equals(config.get("authType")) && isTrue(config, "auth")) {
                session.getProvider(EmailSenderProvider.class)
                        .send(config, email.address(), email.subject(), email.textBody(), email.htmlBody());
                return SendResult.sent();
            }
            Session mail = Session.getInstance(properties(session, config));
            Message message = message(mail, config, email, messageId);
            try (Transport transport = mail.getTransport("smtp")) {
                if (isTrue(config, "auth")) {
                    transport.connect(config.get("user"), password(session, config.get("password")));
                } else {
                    transport.connect();
                }
                transport.sendMessage(message, new InternetAddress[] {new InternetAddress(email.address(), true)});
            }
            return SendResult.sent();
        } catch (MessagingException | EmailException | UnsupportedEncodingException e) {
            return SendResult.of(e);
        }
    }

    private static Properties properties(KeycloakSession session, Map<String, String> config) {
        Properties props = new Properties();
        putIfSet(props, "mail.smtp.host", config.get("host"));
        putIfSet(props, "mail.smtp.port", config.get("port"));
        putIfSet(props, "mail.smtp.from", config.get("envelopeFrom"));
        putIfSet(props, "mail.from", config.get("from"));
        props.setProperty("mail.smtp.timeout", config.getOrDefault("timeout", "10000"));
        props.setProperty("mail.smtp.connectiontimeout", config.getOrDefault("connectionTimeout", "10000"));
        props.setProperty("mail.smtp.writetimeout", config.getOrDefault("writeTimeout", "10000"));
        if (isTrue(config, "auth")) {
            props.setProperty("mail.smtp.auth", "true");
        }
        if (isTrue(config, "allowutf8")) {
            props.setProperty("mail.mime.allowutf8", "true");
        }
        boolean ssl = isTrue(config, "ssl");
        boolean starttls = isTrue(config, "starttls");
        if (ssl) {
            props.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (starttls) {
            props.setProperty("mail.smtp.starttls.enable", "true");
            props.setProperty("mail.smtp.starttls.required", "true");
        }
        if (ssl || starttls) {
            props.setProperty("mail.smtp.ssl.protocols", TLS_PROTOCOLS);
            props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            SSLSocketFactory factory = new JSSETruststoreConfigurator(session).getSSLSocketFactory();
            if (factory != null) {
                props.put("mail.smtp.ssl.socketFactory", factory);
            }
        }
        return props;
    }

    private static Message message(Session mail, Map<String, String> config, RenderedEmail email, String messageId)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new FixedIdMessage(mail, messageId);
        InternetAddress from = address(config.get("from"), config.get("fromDisplayName"));
        message.setFrom(from);
        String replyTo = config.get("replyTo");
        message.setReplyTo(new InternetAddress[] {
                replyTo == null || replyTo.isBlank() ? from : address(replyTo, config.get("replyToDisplayName"))});
        message.setHeader("To", email.address());
        message.setSubject(MimeUtility.encodeText(email.subject(), StandardCharsets.UTF_8.name(), null));
        MimeMultipart alternative = new MimeMultipart("alternative");
        if (email.textBody() != null) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.textBody(), StandardCharsets.UTF_8.name());
            alternative.addBodyPart(text);
        }
        if (email.htmlBody() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(email.htmlBody(), "text/html; charset=UTF-8");
            alternative.addBodyPart(html);
        }
        message.setContent(alternative);
        message.setSentDate(new Date());
        message.saveChanges();
        return message;
    }

    private static InternetAddress address(String address, String displayName) throws UnsupportedEncodingException {
        return displayName == null || displayName.isBlank()
                ? new InternetAddress(address, null, StandardCharsets.UTF_8.name())
                : new InternetAddress(address, displayName, StandardCharsets.UTF_8.name());
    }

    /** A vault reference ({@code ${vault.smtp}}) is read from Keycloak's vault; anything else is the password. */
    private static String password(KeycloakSession session, String configured) {
        if (configured == null) {
            return null;
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(configured)) {
            return secret.get().orElse(configured);
        }
    }

    private static boolean isTrue(Map<String, String> config, String key) {
        return "true".equals(config.get(key));
    }

    private static void putIfSet(Properties props, String key, String value) {
        if (value != null && !value.isBlank()) {
            props.setProperty(key, value);
        }
    }

    /** A message whose {@code Message-ID} is the row's, not a new one per attempt. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
