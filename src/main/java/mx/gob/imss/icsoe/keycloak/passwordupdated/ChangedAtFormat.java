package mx.gob.imss.icsoe.keycloak.passwordupdated;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The moment of a password change as the confirmation email shows it: in central Mexico time,
 * whatever the server's zone, e.g. "25 de noviembre de 2026, 10:15 (hora del centro de México)".
 * English only for a user whose locale is English; everything else gets Mexican Spanish.
 */
public final class ChangedAtFormat {

    static final ZoneId CENTRAL_MEXICO = ZoneId.of("America/Mexico_City");

    private static final Locale SPANISH_MEXICO = Locale.forLanguageTag("es-MX");

    private static final DateTimeFormatter SPANISH = DateTimeFormatter
            .ofPattern("d 'de' MMMM 'de' yyyy, HH:mm '(hora del centro de México)'", SPANISH_MEXICO)
            .withZone(CENTRAL_MEXICO);

    private static final DateTimeFormatter ENGLISH = DateTimeFormatter
            .ofPattern("MMMM d, yyyy, HH:mm '(central Mexico time)'", Locale.ENGLISH)
            .withZone(CENTRAL_MEXICO);

    private ChangedAtFormat() {
    }

    /**
     * @param when   the moment of the change
     * @param locale the recipient's locale; {@code null} means Spanish
     */
    public static String format(Instant when, Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        return (english ? ENGLISH : SPANISH).format(when);
    }
}
