package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class DerTextTest {

    @ParameterizedTest
    @EnumSource(SatFixtures.StringType.class)
    void givenEachStringType_thenItsText(SatFixtures.StringType type) throws IOException {
        ASN1Encodable value = type.encode("SUCURSAL 01");
        assertThat(DerText.decode(value.toASN1Primitive().getEncoded())).as(type.name()).isEqualTo("SUCURSAL 01");
    }

    @Test
    void givenAnotherTypeOrBrokenDer_thenHexThatIsNeverBlank() {
        assertThat(DerText.decode(new byte[] {0x04, 0x01, 0x20})).isEqualTo("#040120");
        assertThat(DerText.decode(new byte[] {0x0C, 0x05, 0x41})).isEqualTo("#0c0541");
        assertThat(DerText.decode(new byte[] {0x0C})).isNotBlank();
    }
}
