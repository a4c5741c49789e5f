package mx.gob.imss.icsoe.keycloak;

/**
 * The event detail names this jar adds, written once: the reset step and the e.firma step set them,
 * and {@code event.RedactedEventLine} logs them as they are (they carry no personal data).
 */
public final class IcsoeEventDetails {

    /** One outcome word, e.g. {@code sent}, {@code throttled}, {@code no_match}. */
    public static final String OUTCOME = "icsoe_outcome";
    /** The subject as a keyed hash ({@code SubjectHasher}), never the CURP or email. */
    public static final String SUBJECT = "icsoe_subject";

    private IcsoeEventDetails() {
    }
}
