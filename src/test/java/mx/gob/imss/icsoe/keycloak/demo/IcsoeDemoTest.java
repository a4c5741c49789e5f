package mx.gob.imss.icsoe.keycloak.demo;

import static org.assertj.core.api.Assertions.assertThat;

import mx.gob.imss.icsoe.keycloak.curp.Curp;
import mx.gob.imss.icsoe.keycloak.policy.TestPolicies;
import org.junit.jupiter.api.Test;

/** The demo capturista must be creatable in the realm: a valid CURP and a password the ICSOE rules accept. */
class IcsoeDemoTest {

    @Test
    void givenTheDemoCapturista_thenHerCurpIsValid() {
        assertThat(Curp.check(IcsoeDemo.DEMO_CURP).problem()).isNull();
    }

    @Test
    void givenTheDemoCapturista_thenHerPasswordFollowsTheIcsoeRules() {
        assertThat(TestPolicies.realmAccepts(IcsoeDemo.DEMO_PASSWORD)).isTrue();
    }

    @Test
    void givenHostileTextInAnEmail_thenTheMailViewerEscapesIt() {
        assertThat(MailViewer.escape("<script>alert('x')</script> & \"y\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
    }
}
