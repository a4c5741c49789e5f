package mx.gob.imss.icsoe.keycloak.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import mx.gob.imss.icsoe.keycloak.curp.Curp;
import mx.gob.imss.icsoe.keycloak.curp.CurpCheck;
import org.junit.jupiter.api.Test;

/** Test users must have CURPs the realm's validator accepts. */
class CurpFactoryTest {

    @Test
    void givenThousandsOfGeneratedCurps_thenEveryOneIsValid() {
        CurpFactory factory = new CurpFactory(new SplittableRandom(20261125L));

        for (int i = 0; i < 5_000; i++) {
            String curp = factory.next();
            CurpCheck check = Curp.check(curp);
            assertThat(check.valid()).as("%s: %s", curp, check.problem()).isTrue();
        }
    }
}
