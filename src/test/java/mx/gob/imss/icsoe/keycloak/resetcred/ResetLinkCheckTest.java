package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResetLinkCheckTest {

    private static final long ISSUED_AT = 1_800_000_000L;

    @Test
    void givenNoPasswordThenTheLinkIsCurrent() {
        assertThat(ResetLinkCheck.supersededBy(null, ISSUED_AT)).isFalse();
    }

    @Test
    void givenAPasswordSetBeforeTheLinkThenTheLinkIsCurrent() {
        assertThat(ResetLinkCheck.supersededBy(ISSUED_AT * 1000 - 5_000, ISSUED_AT)).isFalse();
        assertThat(ResetLinkCheck.supersededBy(ISSUED_AT * 1000 + 999, ISSUED_AT)).isFalse();
    }

    @Test
    void givenAPasswordSetInALaterSecondThenTheLinkIsSuperseded() {
        assertThat(ResetLinkCheck.supersededBy(ISSUED_AT * 1000 + 1000, ISSUED_AT)).isTrue();
        assertThat(ResetLinkCheck.supersededBy(ISSUED_AT * 1000 + 60_000, ISSUED_AT)).isTrue();
    }

    @Test
    void givenATokenWithoutIssuedAtAndAPasswordThenItIsRefused() {
        assertThat(ResetLinkCheck.supersededBy(1L, null)).isTrue();
    }
}
