package mx.gob.imss.icsoe.keycloak;

/**
 * Reads a whole number from an admin-typed setting (an authenticator's config map, a realm attribute):
 * missing, blank, non-numeric or out-of-range text gives the fallback, so a half-configured step keeps
 * its safe defaults instead of failing a request.
 */
public final class ConfigNumber {

    private ConfigNumber() {
    }

    /** {@code raw} as an int in {@code [min, max]}, else {@code fallback}. */
    public static int intOr(String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(raw.trim());
            return parsed >= min && parsed <= max ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
