package mx.gob.imss.icsoe.keycloak.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RealmSealTest {

    private final RealmSeal seal = new RealmSeal("realm HS512 secret of sixty-four bytes, shared by the cluster!!!!"
            .getBytes(StandardCharsets.US_ASCII), "kid-1");

    @Test
    void givenASealedCurpThenItOpensAndShowsNothingOfIt() {
        String sealed = seal.seal("hegg850315mdfrrd07");
        assertThat(sealed).doesNotContainIgnoringCase("hegg").matches("[A-Za-z0-9_-]+");
        assertThat(seal.open(sealed)).isEqualTo("hegg850315mdfrrd07");
    }

    @Test
    void givenTheSameValueTwiceThenTwoUnrelatedTexts() {
        assertThat(seal.seal("hegg850315mdfrrd07")).isNotEqualTo(seal.seal("hegg850315mdfrrd07"));
    }

    @Test
    void givenAnotherRealmKeyThenItDoesNotOpen() {
        RealmSeal other = new RealmSeal("another realm's key, just as long as the first one, sixty-four!!"
                .getBytes(StandardCharsets.US_ASCII), "kid-2");
        String sealed = seal.seal("hegg850315mdfrrd07");
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAnAlteredTextThenItDoesNotOpen() {
        String sealed = seal.seal("hegg850315mdfrrd07");
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> seal.open(altered)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> seal.open("AAAA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenTheSealThenItsKeyIsNeitherTheHashersNorTheRealms() {
        byte[] secret = "realm HS512 secret of sixty-four bytes, shared by the cluster!!!!".getBytes(StandardCharsets.US_ASCII);
        assertThat(SubjectHasher.derive(secret)).isNotEqualTo(SubjectHasher.derive(new byte[32], secret,
                RealmSeal.HKDF_INFO.getBytes(StandardCharsets.US_ASCII)));
    }
}
