package mx.gob.imss.icsoe.keycloak.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The passwords that pass the ICSOE composition rules only by decoration: a common word with digits
 * and special characters around it ({@code Imss.2024!}, {@code Mexico.2025!}, {@code Password1!}), or
 * with the usual letter-for-symbol swaps ({@code P@ssw0rd.1}). The words ship in this jar
 * ({@code icsoe-common-words.txt}, one a line, {@code #} comments); no file on the server.
 */
final class CommonWords {

    static final String RESOURCE = "icsoe-common-words.txt";

    private static final Set<String> WORDS = load();

    private CommonWords() {
    }

    /**
     * Whether {@code password}'s base word is on the list. The base is its letters, case and accents
     * folded ({@code México} = {@code mexico}, {@code ñ} = {@code n}); read either with every other
     * character dropped, or with the non-letters at both ends dropped and the ones inside read as the
     * letters they stand for ({@code 0} o, {@code 1} i, {@code 3} e, {@code 4} a, {@code 5} s,
     * {@code 7} t, {@code @} a, {@code $} s).
     */
    static boolean isCommon(String password) {
        String folded = fold(password);
        return WORDS.contains(letters(folded)) || WORDS.contains(letters(deLeet(trimNonLetters(folded))));
    }

    /** Lower case, accents and tildes removed. */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static String letters(String text) {
        return text.codePoints().filter(Character::isLetter)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static String trimNonLetters(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && !Character.isLetter(text.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static String deLeet(String text) {
        StringBuilder decoded = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            decoded.append(switch (c) {
                case '0' -> 'o';
                case '1' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return decoded.toString();
    }

    private static Set<String> load() {
        InputStream in = CommonWords.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the jar");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(CommonWords::fold).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
