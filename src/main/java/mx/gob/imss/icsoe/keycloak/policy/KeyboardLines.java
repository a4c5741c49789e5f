package mx.gob.imss.icsoe.keycloak.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Straight lines of keys on the keyboards people in Mexico type on: US QWERTY and Spanish (Latin
 * America), rows, columns and both diagonals, plus the numeric keypad's columns. A key is the
 * string of the characters it types without AltGr (lower case first, shifted second), so a
 * shifted symbol counts as its key.
 */
final class KeyboardLines {

    private static final List<String> US_NUMBERS = keys("`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) -_ =+");
    private static final List<String> US_TOP = keys("q w e r t y u i o p [{ ]} \\|");
    private static final List<String> US_HOME = keys("a s d f g h j k l ;: '\"");
    private static final List<String> US_BOTTOM = keys("z x c v b n m ,< .> /?");

    private static final List<String> LATAM_NUMBERS = keys("|° 1! 2\" 3# 4$ 5% 6& 7/ 8( 9) 0= '? ¿¡");
    private static final List<String> LATAM_TOP = keys("q w e r t y u i o p ´¨ +*");
    private static final List<String> LATAM_HOME = keys("a s d f g h j k l ñ {[ }]");
    private static final List<String> LATAM_BOTTOM = keys("<> z x c v b n m ,; .: -_");

    private static final List<List<String>> KEYPAD_COLUMNS = List.of(keys("7 4 1 0"), keys("/ 8 5 2 0"), keys("* 9 6 3 ."));

    /** US QWERTY and Latin-American lines, duplicates removed; each key the characters it types. */
    static final List<List<String>> LINES = defaultLines();

    /** Where a character sits: line number and key number on that line. */
    private record Key(int line, int index) {
    }

    /** Every character of every key, with the places it sits. */
    private static final Map<Integer, List<Key>> KEYS = new HashMap<>();

    static {
        for (int line = 0; line < LINES.size(); line++) {
            for (int index = 0; index < LINES.get(line).size(); index++) {
                Key key = new Key(line, index);
                LINES.get(line).get(index).codePoints().distinct()
                        .forEach(cp -> KEYS.computeIfAbsent(cp, c -> new ArrayList<>()).add(key));
            }
        }
    }

    /** A straight stretch of one line, ending at password position {@code end} on key {@code index}. */
    private record Stretch(int index, int end, int up, int down) {

        Stretch then(int nextIndex, int pos) {
            return new Stretch(nextIndex, pos, nextIndex == index + 1 ? up + 1 : 1, nextIndex == index - 1 ? down + 1 : 1);
        }
    }

    private KeyboardLines() {
    }

    /**
     * Whether {@code run} or more characters in a row of {@code folded} (lower-cased code points)
     * are neighbouring keys of one line, all in the same direction.
     */
    static boolean hasRun(int[] folded, int run) {
        Stretch[] last = new Stretch[LINES.size()];
        for (int pos = 0; pos < folded.length; pos++) {
            for (Key key : KEYS.getOrDefault(folded[pos], List.of())) {
                Stretch before = last[key.line()];
                Stretch now = before != null && before.end() == pos - 1
                        ? before.then(key.index(), pos)
                        : new Stretch(key.index(), pos, 1, 1);
                last[key.line()] = now;
                if (now.up() >= run || now.down() >= run) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<List<String>> defaultLines() {
        List<List<String>> all = new ArrayList<>();
        addLayout(all, US_NUMBERS, US_TOP, US_HOME, US_BOTTOM, 0);
        addLayout(all, LATAM_NUMBERS, LATAM_TOP, LATAM_HOME, LATAM_BOTTOM, 1);
        all.addAll(KEYPAD_COLUMNS);
        return all.stream().distinct().toList();
    }

    /**
     * Rows, columns (down-right: {@code 1qaz}) and diagonals (down-left: {@code 4esz}) of one
     * layout whose number row has one key before "1"; {@code bottomOffset}: keys before "z".
     */
    private static void addLayout(List<List<String>> all, List<String> numbers, List<String> top,
            List<String> home, List<String> bottom, int bottomOffset) {
        all.add(numbers);
        all.add(top);
        all.add(home);
        all.add(bottom);
        for (int k = 0; k < top.size(); k++) {
            addIfLine(all, key(numbers, k + 1), key(top, k), key(home, k), key(bottom, k + bottomOffset));
        }
        for (int k = -1; k < bottom.size(); k++) {
            addIfLine(all, key(numbers, k + 4), key(top, k + 2), key(home, k + 1), key(bottom, k + bottomOffset));
        }
    }

    /** The keys of a row, written as their characters separated by spaces. */
    private static List<String> keys(String row) {
        return List.of(row.split(" "));
    }

    private static String key(List<String> row, int index) {
        return index >= 0 && index < row.size() ? row.get(index) : null;
    }

    /** Adds the first unbroken stretch of {@code keys} ({@code null} is off the keyboard) if it has 3 keys or more. */
    private static void addIfLine(List<List<String>> all, String... keys) {
        List<String> line = Stream.of(keys).dropWhile(Objects::isNull).takeWhile(Objects::nonNull).toList();
        if (line.size() >= 3) {
            all.add(line);
        }
    }
}
