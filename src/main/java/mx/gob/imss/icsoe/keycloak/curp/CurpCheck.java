package mx.gob.imss.icsoe.keycloak.curp;

import java.util.Objects;

/**
 * The outcome of {@link Curp#check(String)}: either a {@link Curp} or the first {@link CurpProblem}.
 *
 * @param curp    the normalised CURP, or {@code null} when the input is not one
 * @param problem why the input is not a CURP, or {@code null} when it is one
 */
public record CurpCheck(Curp curp, CurpProblem problem) {

    public CurpCheck {
        if ((curp == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of curp and problem must be set");
        }
    }

    static CurpCheck ok(Curp curp) {
        return new CurpCheck(Objects.requireNonNull(curp), null);
    }

    static CurpCheck failed(CurpProblem problem) {
        return new CurpCheck(null, Objects.requireNonNull(problem));
    }

    /** @return {@code true} when the input is a well-formed CURP */
    public boolean valid() {
        return problem == null;
    }
}
