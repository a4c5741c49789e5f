package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import mx.gob.imss.icsoe.keycloak.mail.Outbox;
import mx.gob.imss.icsoe.keycloak.mail.OutboxEntry;

class ResetRowTest {

    private static ResetRow row(int requestedAt, int lifespan) {
        return new ResetRow("icsoe", "icsoe-portal", "abc123", "kid", "sealed-curp", "sealed-ip", "email-hash", 3, 900,
                "https://sso.example/", "asid", "https://sso.example/x?key=" + ResetMail.TOKEN_PLACEHOLDER, requestedAt,
                lifespan, null, null, null);
    }

    @ParameterizedTest(name = "requested at {0} s, lifespan {1} s: not sent after {2} ms")
    @CsvSource({
            "1000, 900, 1450000",
            "1000, 901, 1450000",
            "0, 60, 30000",
    })
    void givenTheLifespanThenALinkIsNeverSentAfterHalfOfIt(int requestedAt, int lifespan, long notAfter) {
        assertThat(row(requestedAt, lifespan).notAfterMillis()).isEqualTo(notAfter);
        assertThat(row(requestedAt, lifespan).expires()).isEqualTo(requestedAt + lifespan);
    }

    @Test
    void givenAMatchThenTheLinkIsFixedAndTheSealedCurpDropped() {
        ResetRow matched = row(1000, 900).matched("user-1", "token-1", 1003);
        assertThat(matched.matched()).isTrue();
        assertThat(matched.sealedUsername()).isNull();
        assertThat(matched.emailHash()).as("kept: each attempt checks the address is still the one typed").isEqualTo("email-hash");
        assertThat(matched.tokenId()).isEqualTo("token-1");
        assertThat(matched.issuedAt()).isEqualTo(1003);
    }

    @Test
    void givenARowThenItsJsonRoundTripsAndItsTextNamesNothingPersonal() {
        ResetRow row = row(1000, 900).matched("user-1", "token-1", 1003);
        OutboxEntry entry = new OutboxEntry();
        entry.setId("row-1");
        entry.setPayload(Outbox.json(row));
        assertThat(Outbox.read(entry, ResetRow.class)).isEqualTo(row);
        assertThat(row.toString()).contains("abc123").doesNotContain("sealed").doesNotContain("email-hash");
    }
}
