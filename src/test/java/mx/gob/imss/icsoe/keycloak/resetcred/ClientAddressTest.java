package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    @ParameterizedTest(name = "{0} counts as {1}")
    @CsvSource({
            "203.0.113.7, 203.0.113.7",
            "' 203.0.113.7 ', 203.0.113.7",
            "2001:db8:1:2::1, 2001:db8:1:2:0:0:0:0/64",
            "2001:db8:1:2:ffff:ffff:ffff:ffff, 2001:db8:1:2:0:0:0:0/64",
            "[2001:db8:1:2::99], 2001:db8:1:2:0:0:0:0/64",
            "fe80::1%eth0, fe80:0:0:0:0:0:0:0/64",
            "::ffff:198.51.100.4, 198.51.100.4",
            "::1, 0:0:0:0:0:0:0:0/64",
            "not:an:address:zz, not:an:address:zz",
    })
    void givenAnAddressThenItsBucketIsTheAddressOrItsSlash64(String address, String bucket) {
        assertThat(ClientAddress.bucket(address)).isEqualTo(bucket);
    }

    @ParameterizedTest(name = "{0} and {1} share a bucket: {2}")
    @CsvSource({
            "2001:db8:aa:bb::1, 2001:db8:aa:bb:1234:5678:9abc:def0, true",
            "2001:db8:aa:bb::1, 2001:db8:aa:bc::1, false",
            "192.0.2.1, 192.0.2.2, false",
    })
    void givenTwoAddressesThenOnlyOneSlash64IsOneBucket(String a, String b, boolean same) {
        assertThat(ClientAddress.bucket(a).equals(ClientAddress.bucket(b))).isEqualTo(same);
    }

    @org.junit.jupiter.api.Test
    void givenNoAddressThenTheBucketIsEmpty() {
        assertThat(ClientAddress.bucket(null)).isEmpty();
        assertThat(ClientAddress.bucket(" ")).isEmpty();
    }
}
