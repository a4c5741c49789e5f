package mx.gob.imss.icsoe.keycloak.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the message bundles complete: every key a template or a provider uses exists in Spanish and
 * English, es and en hold the same keys and placeholders, and no Spanish text is left in English.
 * Keys are found by scanning the sources, so a new template or provider is covered without edits.
 */
class IcsoeBundlesTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path THEME = ROOT.resolve("themes/icsoe");
    private static final Path SERVER_MESSAGES = ROOT.resolve("src/main/resources/theme-resources/messages");
    private static final Path JAVA_SOURCES = ROOT.resolve("src/main/java");

    /** msg("key"), msg('key'), msg("key", args): keys built at run time (${...}) are skipped. */
    private static final Pattern MSG_CALL = Pattern.compile("msg\\(\\s*[\"']([A-Za-z0-9_.\\-]+)[\"']");
    /** String literals in Java sources that name message keys: ...Message / ...Subject. */
    private static final Pattern JAVA_KEY = Pattern.compile("\"([a-z][A-Za-z0-9_.\\-]*(?:Message|Subject))\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    /** Values that are the same word in both languages (names, acronyms, addresses). */
    private static final Set<String> SAME_IN_BOTH = Set.of("ICSOE", "IMSS", "CURP");

    enum Bundle {
        LOGIN("login"), EMAIL("email");

        final String type;

        Bundle(String type) {
            this.type = type;
        }

        Path dir() {
            return THEME.resolve(type).resolve("messages");
        }

        Properties load(String lang) {
            return IcsoeBundlesTest.load(dir().resolve("messages_" + lang + ".properties"));
        }

        /** What Keycloak resolves for this theme type: the theme's bundle plus the jar's theme-resources bundle. */
        Properties effective(String lang) {
            Properties all = new Properties();
            all.putAll(IcsoeBundlesTest.load(SERVER_MESSAGES.resolve("messages_" + lang + ".properties")));
            all.putAll(load(lang));
            return all;
        }

        Set<String> templateKeys() {
            return scan(THEME.resolve(type), ".ftl", MSG_CALL);
        }
    }

    @Nested
    @DisplayName("every key in use exists in es and en")
    class KeysInUse {

        @Test
        void givenLoginTemplates_thenEveryMsgKeyIsInBothLanguages() {
            Set<String> keys = Bundle.LOGIN.templateKeys();
            // the scanner must see the templates: the guide's screens alone use dozens of keys
            assertThat(keys).hasSizeGreaterThan(40).contains("doForgotPassword", "icsoeResetSentMessage", "icsoeSavePassword");
            assertPresent(keys, Bundle.LOGIN);
        }

        @Test
        void givenEmailTemplates_thenEveryMsgKeyIsInBothLanguages() {
            Set<String> keys = Bundle.EMAIL.templateKeys();
            assertThat(keys).hasSizeGreaterThan(15).contains("icsoeResetButton", "icsoePasswordUpdatedBody");
            // subjects are looked up by Keycloak / the event listener, not by a template
            keys.add("passwordResetSubject");
            keys.add("icsoePasswordUpdatedSubject");
            assertPresent(keys, Bundle.EMAIL);
        }

        @Test
        void givenProviderSources_thenEveryMessageKeyLiteralIsInBothLanguages() {
            Set<String> keys = scan(JAVA_SOURCES, ".java", JAVA_KEY);
            // the scanner must see the providers: CURP, reset, policy and e.firma keys are all named there
            assertThat(keys).hasSizeGreaterThan(20).contains("icsoeInvalidCurpMessage", "icsoeMissingCurpMessage",
                    "icsoeInvalidEmailMessage", "icsoeResetLinkSupersededMessage", "icsoeResetUnavailableMessage",
                    "icsoeInvalidPasswordSpecialCharsMessage", "icsoeEfirmaWrongPasswordMessage",
                    "icsoePasswordUpdatedSubject");
            for (String lang : new String[] {"es", "en"}) {
                Properties login = Bundle.LOGIN.effective(lang);
                Properties email = Bundle.EMAIL.effective(lang);
                assertThat(keys)
                        .as("message keys named in src/main/java missing from the %s bundles", lang)
                        .allSatisfy(key -> assertThat(login.containsKey(key) || email.containsKey(key))
                                .as(key).isTrue());
            }
        }

        private void assertPresent(Set<String> keys, Bundle bundle) {
            for (String lang : new String[] {"es", "en"}) {
                Properties messages = bundle.effective(lang);
                Set<String> missing = keys.stream().filter(k -> !messages.containsKey(k))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(missing).as("%s keys missing in %s", bundle.type, lang).isEmpty();
            }
        }
    }

    @Nested
    @DisplayName("es and en agree")
    class Agreement {

        @ParameterizedTest
        @ValueSource(strings = {"login", "email", "server"})
        void givenABundlePair_thenSameKeys(String which) {
            Properties es = pair(which, "es");
            Properties en = pair(which, "en");
            assertThat(es.stringPropertyNames()).as(which).isEqualTo(en.stringPropertyNames());
        }

        @ParameterizedTest
        @ValueSource(strings = {"login", "email", "server"})
        void givenABundlePair_thenSamePlaceholders(String which) {
            Properties es = pair(which, "es");
            Properties en = pair(which, "en");
            Map<String, String> differing = new TreeMap<>();
            for (String key : es.stringPropertyNames()) {
                Set<String> a = placeholders(es.getProperty(key));
                Set<String> b = placeholders(en.getProperty(key, ""));
                if (!a.equals(b)) {
                    differing.put(key, a + " vs " + b);
                }
            }
            assertThat(differing).as(which).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"login", "email", "server"})
        void givenSpanishValues_thenNoneIsLeftInEnglish(String which) {
            Properties es = pair(which, "es");
            Properties en = pair(which, "en");
            Map<String, String> untranslated = new TreeMap<>();
            for (String key : es.stringPropertyNames()) {
                String value = es.getProperty(key).trim();
                if (value.equals(en.getProperty(key, "").trim()) && !sameInBoth(value)) {
                    untranslated.put(key, value);
                }
            }
            assertThat(untranslated).as(which).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"login", "email", "server"})
        void givenEveryValue_thenItIsAValidMessageFormat(String which) {
            for (String lang : new String[] {"es", "en"}) {
                Properties messages = pair(which, lang);
                for (String key : messages.stringPropertyNames()) {
                    String value = messages.getProperty(key);
                    assertThatCode(() -> new MessageFormat(value, Locale.forLanguageTag(lang))
                            .format(new Object[] {1, 2, 3, 4}))
                            .as("%s %s", lang, key).doesNotThrowAnyException();
                }
            }
        }
    }

    @Nested
    @DisplayName("the guide's typos are not copied")
    class Spelling {

        @Test
        void givenSpanishBundles_thenCorrectSpellingOfTheGuideTexts() {
            Properties login = Bundle.LOGIN.load("es");
            assertThat(login.getProperty("doForgotPassword")).isEqualTo("¿Olvidaste tu contraseña?");
            assertThat(login.getProperty("icsoeResetSentMessage"))
                    .isEqualTo("La liga para restablecer tu contraseña fue enviada al correo electrónico registrado");
            for (String which : new String[] {"login", "email", "server"}) {
                pair(which, "es").forEach((key, value) -> assertThat(value.toString())
                        .as("%s %s", which, key)
                        .doesNotContainIgnoringCase("reestablec")
                        .doesNotContainIgnoringCase("Olvidate")
                        .doesNotContain("caracter especial"));
            }
        }
    }

    private static Properties pair(String which, String lang) {
        return switch (which) {
            case "login" -> Bundle.LOGIN.load(lang);
            case "email" -> Bundle.EMAIL.load(lang);
            case "server" -> load(SERVER_MESSAGES.resolve("messages_" + lang + ".properties"));
            default -> throw new IllegalArgumentException(which);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "email", "server"})
    void givenABundlePair_thenBothFilesHoldTheirKeys(String which) {
        // the agreement checks below compare es with en: two empty files would agree
        assertThat(pair(which, "es")).as(which).hasSizeGreaterThan(10);
        assertThat(pair(which, "en")).as(which).hasSizeGreaterThan(10);
        for (String lang : new String[] {"es", "en"}) {
            pair(which, lang).forEach((key, value) -> assertThat(value.toString()).as("%s %s %s", which, lang, key).isNotBlank());
        }
    }

    private static boolean sameInBoth(String value) {
        return SAME_IN_BOTH.contains(value) || value.matches("https?://\\S+") || value.matches("[\\p{Punct}\\s\\d{}]*");
    }

    private static Set<String> placeholders(String value) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Set<String> scan(Path dir, String suffix, Pattern pattern) {
        try (Stream<Path> files = Files.walk(dir)) {
            Set<String> keys = new TreeSet<>();
            files.filter(p -> p.toString().endsWith(suffix)).forEach(p -> {
                Matcher m = pattern.matcher(read(p));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            });
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
