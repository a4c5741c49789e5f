package mx.gob.imss.icsoe.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IcsoePasswordRulesViewTest {

    final TestPolicies policies = new TestPolicies();

    @Test
    void givenTheRealmPolicyThenEveryParameterIsThere() {
        Map<String, Object> view = IcsoePasswordRulesView.of(policies.realmPolicy(TestPolicies.REALM_POLICY));
        assertThat(view).containsEntry("minLength", 8).containsEntry("maxLength", 128)
                .containsEntry("upperCase", 1).containsEntry("lowerCase", 1).containsEntry("digits", 1)
                .containsEntry("specialChars", "-*?!@#$/()=.,:;").containsEntry("noWhitespace", true)
                .containsEntry("keyboardRun", 4).containsEntry("sequenceRun", 4).containsEntry("repeatRun", 3);
        @SuppressWarnings("unchecked")
        List<List<String>> lines = (List<List<String>>) view.get("keyboardLines");
        assertThat(lines).contains(List.of("q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "[{", "]}", "\\|"),
                List.of("a", "s", "d", "f", "g", "h", "j", "k", "l", "ñ", "{[", "}]"),
                List.of("1!", "q", "a", "z"), List.of("7", "4", "1", "0"));
    }

    @Test
    void givenChangedRunsThenTheViewFollows() {
        Map<String, Object> view = IcsoePasswordRulesView.of(policies.realmPolicy(
                "length(12) and icsoeNoKeyboardPattern(5) and icsoeSpecialChars(#%)"));
        assertThat(view).containsEntry("minLength", 12).containsEntry("keyboardRun", 5)
                .containsEntry("specialChars", "#%").containsEntry("noWhitespace", false)
                .doesNotContainKeys("maxLength", "upperCase", "lowerCase", "digits", "sequenceRun", "repeatRun");
    }

    @Test
    void givenNoPolicyThenOnlyTheKeyboardAndNoWhitespaceFlag() {
        assertThat(IcsoePasswordRulesView.of(null)).containsOnlyKeys("noWhitespace", "keyboardLines");
    }

    @Test
    void givenTheViewThenJsonIsSafeToEmbedInHtml() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("specialChars", "</script><!--&'\"\\ñ\u2028\u2029\n");
        view.put("n", 4);
        view.put("b", true);
        view.put("l", List.of(List.of("1!", "ñ")));
        String json = IcsoePasswordRulesView.toJson(view);
        assertThat(json).isEqualTo("{\"specialChars\":\"\\u003C/script\\u003E\\u003C!--\\u0026\\u0027\\\"\\\\\\u00F1\\u2028\\u2029\\n\","
                + "\"n\":4,\"b\":true,\"l\":[[\"1!\",\"\\u00F1\"]]}");
        assertThat(json).doesNotContain("<", ">", "&", "\u2028", "\u2029");
    }

    @Test
    void givenTheRealmViewThenItsJsonIsPureAscii() {
        String json = IcsoePasswordRulesView.toJson(IcsoePasswordRulesView.of(policies.realmPolicy(TestPolicies.REALM_POLICY)));
        assertThat(json).startsWith("{\"minLength\":8,").contains("\"specialChars\":\"-*?!@#$/()=.,:;\"")
                .contains("[\"1!\",\"q\",\"a\",\"z\"]").matches("\\p{ASCII}*");
    }
}
