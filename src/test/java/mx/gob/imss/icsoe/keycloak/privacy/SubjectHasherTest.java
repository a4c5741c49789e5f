package mx.gob.imss.icsoe.keycloak.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

class SubjectHasherTest {

    private final SubjectHasher hasher = new SubjectHasher("k1".getBytes(StandardCharsets.UTF_8));

    @Test
    void givenTheSameInputThenTheSameHashWithoutTheInputInIt() {
        String hash = hasher.hash("curp", "GODE561231HDFRRN09");
        assertThat(hash).isEqualTo(new SubjectHasher("k1".getBytes(StandardCharsets.UTF_8)).hash("curp", "GODE561231HDFRRN09"))
                .hasSize(32).matches("[0-9a-f]+").doesNotContainIgnoringCase("GODE");
    }

    @Test
    void givenAnotherKindOrKeyThenAnotherHash() {
        String hash = hasher.hash("curp", "127.0.0.1");
        assertThat(hasher.hash("ip", "127.0.0.1")).isNotEqualTo(hash);
        assertThat(new SubjectHasher("k2".getBytes(StandardCharsets.UTF_8)).hash("curp", "127.0.0.1")).isNotEqualTo(hash);
    }

    @Test
    void givenNoKeyThenItRefuses() {
        assertThatThrownBy(() -> new SubjectHasher(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    /** RFC 5869, appendix A.1: the first 32 bytes of OKM are T(1), the one block derive() makes. */
    @Test
    void givenRfc5869TestCase1ThenTheDerivedKeyIsItsFirstBlock() {
        HexFormat hex = HexFormat.of();
        byte[] okm = SubjectHasher.derive(hex.parseHex("000102030405060708090a0b0c"),
                hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), hex.parseHex("f0f1f2f3f4f5f6f7f8f9"));
        assertThat(hex.formatHex(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
    }

    @Test
    void givenARealmKeyThenTheHashKeyIsDerivedNotTheKeyItself() {
        byte[] realmKey = "realm-hs512-secret".getBytes(StandardCharsets.UTF_8);
        assertThat(SubjectHasher.derive(realmKey)).hasSize(32).isNotEqualTo(realmKey);
        assertThat(new SubjectHasher(SubjectHasher.derive(realmKey)).hash("curp", "X"))
                .isNotEqualTo(new SubjectHasher(realmKey).hash("curp", "X"));
    }

    @Test
    void givenARealmWithoutHs512KeyThenThereIsNoHasherAtAll() {
        KeycloakSession session = mock(KeycloakSession.class);
        KeyManager keys = mock(KeyManager.class);
        RealmModel realm = mock(RealmModel.class);
        when(session.keys()).thenReturn(keys);
        when(realm.getName()).thenReturn("icsoe");
        when(keys.getActiveKey(realm, KeyUse.SIG, Algorithm.HS512)).thenReturn(null);
        assertThatThrownBy(() -> SubjectHasher.forRealm(session, realm)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no active HS512 key");
    }
}
