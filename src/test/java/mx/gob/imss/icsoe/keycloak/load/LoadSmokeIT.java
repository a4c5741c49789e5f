package mx.gob.imss.icsoe.keycloak.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;

/**
 * CI's minute of the load profile ({@code mvn -Pload verify} runs the whole of it): every phase
 * against the run's single node at a low rate, so the scenarios, the stock realm and the mail
 * accounting are known to work. It asserts correctness only; the figures it prints are not goals.
 */
@ExtendWith(KeycloakExtension.class)
class LoadSmokeIT {

    @Test
    void everyPhaseRunsWithoutErrorsAndEveryEmailArrivesOnce(IcsoeKeycloak keycloak) {
        LoadRunner runner = new LoadRunner(LoadTargets.singleNode(keycloak), LoadRunner.SMOKE);
        Path report = runner.run();
        LoadTargets.assertCorrect(runner.checks(), report);
        assertThat(runner.checks()).extracting(LoadRunner.Correctness::phase)
                .containsExactly("icsoe rate", "stock rate", "icsoe recovery");
    }

}
