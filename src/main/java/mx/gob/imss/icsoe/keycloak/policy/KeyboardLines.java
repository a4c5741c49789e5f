package mx.gob.imss.icsoe.keycloak.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Straight lines of keys on the keyboards people in Mexico type on: US QWERTY and Spanish (Latin
 * America), rows, columns and both diagonals, plus the numeric keypad's columns. A key is the
 * string of the characters it types without AltGr (lower case first, shifted second), so a
 * shifted symbol counts as its key. Immutable; the lookup is a flat table (no allocation).
 */
public final class KeyboardLines {

    /** Lookup table size: covers ASCII and Latin-1 ({@code ñ ¿ ¡ ´ ¨ °}). */
    private static final int TABLE = 0x100;

    private static final List<String> US_NUMBERS = List.of(
            "`~", "1!", "2@", "3#", "4$", "5%", "6^", "7&", "8*", "9(", "0)", "-_", "=+");
    private static final List<String> US_TOP = List.of(
            "q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "[{", "]}", "\\|");
    private static final List<String> US_HOME = List.of(
            "a", "s", "d", "f", "g", "h", "j", "k", "l", ";:", "'\"");
    private static final List<String> US_BOTTOM = List.of(
            "z", "x", "c", "v", "b", "n", "m", ",<", ".>", "/?");

    private static final List<String> LATAM_NUMBERS = List.of(
            "|°", "1!", "2\"", "3#", "4$", "5%", "6&", "7/", "8(", "9)", "0=", "'?", "¿¡");
    private static final List<String> LATAM_TOP = List.of(
            "q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "´¨", "+*");
    private static final List<String> LATAM_HOME = List.of(
            "a", "s", "d", "f", "g", "h", "j", "k", "l", "ñ", "{[", "}]");
    private static final List<String> LATAM_BOTTOM = List.of(
            "<>", "z", "x", "c", "v", "b", "n", "m", ",;", ".:", "-_");

    private static final List<List<String>> KEYPAD_COLUMNS = List.of(
            List.of("7", "4", "1", "0"),
            List.of("/", "8", "5", "2", "0"),
            List.of("*", "9", "6", "3", "."));

    /** US QWERTY and Latin-American lines, duplicates removed. */
    public static final KeyboardLines DEFAULT = new KeyboardLines(defaultLines());

    private final List<List<String>> lines;
    /** For code point c (< TABLE): entries start[c] .. start[c+1]-1 of lineOf/indexOf. */
    private final int[] start;
    private final int[] lineOf;
    private final int[] indexOf;

    KeyboardLines(List<List<String>> lines) {
        this.lines = List.copyOf(lines.stream().map(List::copyOf).toList());
        if (this.lines.stream().anyMatch(line -> line.size() > 0xFF)) {
            throw new IllegalArgumentException("a keyboard line longer than 255 keys");
        }
        int[] count = new int[TABLE + 1];
        forEachKeyChar((cp, line, index) -> count[cp]++);
        start = new int[TABLE + 1];
        for (int c = 0; c < TABLE; c++) {
            start[c + 1] = start[c] + count[c];
        }
        lineOf = new int[start[TABLE]];
        indexOf = new int[start[TABLE]];
        int[] fill = Arrays.copyOf(start, TABLE);
        forEachKeyChar((cp, line, index) -> {
            lineOf[fill[cp]] = line;
            indexOf[fill[cp]++] = index;
        });
    }

    private interface KeyCharVisitor {
        void visit(int cp, int line, int index);
    }

    private void forEachKeyChar(KeyCharVisitor visitor) {
        for (int l = 0; l < lines.size(); l++) {
            List<String> line = lines.get(l);
            for (int k = 0; k < line.size(); k++) {
                int line0 = l;
                int k0 = k;
                line.get(k).codePoints().distinct().forEach(cp -> {
                    if (cp >= TABLE) {
                        throw new IllegalArgumentException("key outside the lookup table: " + cp);
                    }
                    visitor.visit(cp, line0, k0);
                });
            }
        }
    }

    /** The lines, each a list of keys, each key the (lower-case) characters it types. */
    public List<List<String>> lines() {
        return lines;
    }

    int lineCount() {
        return lines.size();
    }

    /**
     * Feeds one (already lower-cased) code point at position {@code pos} of the password; returns
     * the longest straight run (either direction) that ends here. {@code state} is
     * {@code newState()}, reused for one password.
     */
    int advance(int[] state, int pos, int cp) {
        if (cp < 0 || cp >= TABLE) {
            return 0;
        }
        int n = lines.size();
        int best = 0;
        for (int e = start[cp], end = start[cp + 1]; e < end; e++) {
            int line = lineOf[e];
            int index = indexOf[e];
            int up = 1;
            int down = 1;
            // state per line: [n + line] = position + 1 where the line was last seen, [line] = packed
            // key index (8 bits), ascending run (12 bits) and descending run (12 bits) ending there
            if (pos > 0 && state[n + line] == pos) {
                int packed = state[line];
                int previous = packed & 0xFF;
                if (index == previous + 1) {
                    up = Math.min(((packed >>> 8) & 0xFFF) + 1, 0xFFF);
                } else if (index == previous - 1) {
                    down = Math.min((packed >>> 20) + 1, 0xFFF);
                }
            }
            state[n + line] = pos + 1;
            state[line] = index | up << 8 | down << 20;
            best = Math.max(best, Math.max(up, down));
        }
        return best;
    }

    int[] newState() {
        return new int[2 * lines.size()];
    }

    private static List<List<String>> defaultLines() {
        List<List<String>> all = new ArrayList<>();
        addLayout(all, US_NUMBERS, US_TOP, US_HOME, US_BOTTOM, 1, 0);
        addLayout(all, LATAM_NUMBERS, LATAM_TOP, LATAM_HOME, LATAM_BOTTOM, 1, 1);
        all.addAll(KEYPAD_COLUMNS);
        return all.stream().distinct().toList();
    }

    /**
     * Rows, columns (down-right: {@code 1qaz}) and diagonals (down-left: {@code 4esz}) of one
     * layout. {@code numbersOffset}: keys before "1"; {@code bottomOffset}: keys before "z".
     */
    private static void addLayout(List<List<String>> all, List<String> numbers, List<String> top,
            List<String> home, List<String> bottom, int numbersOffset, int bottomOffset) {
        all.add(numbers);
        all.add(top);
        all.add(home);
        all.add(bottom);
        for (int k = 0; k < top.size(); k++) {
            addIfLine(all, key(numbers, k + numbersOffset), key(top, k), key(home, k), key(bottom, k + bottomOffset));
        }
        for (int k = -1; k < bottom.size(); k++) {
            addIfLine(all, key(numbers, k + 3 + numbersOffset), key(top, k + 2), key(home, k + 1), key(bottom, k + bottomOffset));
        }
    }

    private static String key(List<String> row, int index) {
        return index >= 0 && index < row.size() ? row.get(index) : null;
    }

    private static void addIfLine(List<List<String>> all, String... keys) {
        List<String> line = new ArrayList<>();
        for (String key : keys) {
            if (key == null) {
                if (!line.isEmpty()) break;
                continue;
            }
            line.add(key);
        }
        if (line.size() >= 3) {
            all.add(List.copyOf(line));
        }
    }
}
