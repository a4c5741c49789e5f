package mx.gob.imss.icsoe.keycloak.curp;

/**
 * Why a string is not a CURP. {@link Curp#check(String)} reports the first problem it finds, in
 * the order of this enum. These are for tests and debug logs; people see one format message.
 */
public enum CurpProblem {
    /** Nothing typed (null, empty or only spaces). */
    EMPTY,
    /** Not 18 characters once trimmed. */
    LENGTH,
    /**
     * A character outside {@code 0-9 A-N Ñ O-Z} after folding case and full-width forms: punctuation,
     * inner spaces, accents, and letters of other scripts that look Latin (Cyrillic "А", Greek "Ο").
     */
    CHARACTERS,
    /** Positions 1–4 are not {@code [A-Z][AEIOUX][A-Z]{2}}. */
    FIRST_LETTERS,
    /** Positions 1–4 spell one of RENAPO's "palabras inconvenientes", which RENAPO never issues. */
    INAPPROPRIATE_WORD,
    /** Position 17 (the homonym differentiator) is not {@code [0-9A-Z]} (e.g. an Ñ). */
    DIFFERENTIATOR,
    /** Positions 5–10 are not a calendar date YYMMDD in the century the differentiator gives. */
    DATE,
    /**
     * A letter differentiator (born 2000 or later) with a year that has not begun yet: the
     * differentiator and the date contradict each other (a 19YY birth carries a digit).
     */
    CENTURY,
    /** The birth date is later than today. */
    FUTURE_DATE,
    /** Position 11 is not {@code H}, {@code M} or {@code X}. */
    SEX,
    /** Positions 12–13 are not a state code of RENAPO's catalogue (or {@code NE}, born abroad). */
    STATE,
    /** Positions 14–16 are not three consonants {@code [B-DF-HJ-NP-TV-Z]} (RENAPO writes Ñ as X). */
    CONSONANTS,
    /** Position 18 is not the check digit of the first 17. */
    CHECK_DIGIT
}
