package mx.gob.imss.icsoe.keycloak.testing;

/**
 * A test user as the guide knows it: the CURP is the username (Keycloak stores it lower-case).
 *
 * @param curp     upper-case, as people type it
 * @param username as Keycloak stores it (lower-case)
 * @param email    unique per user, or null for a user without email
 * @param password valid under the ICSOE rules
 */
public record Capturista(String id, String curp, String username, String email, String password,
                         String firstName, String lastName) {
}
