package mx.gob.imss.icsoe.keycloak.load;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;

/** The load profile against one node ({@code mvn -Pload verify}); figures in {@code target/it-work/load/}. */
@Tag("load")
@ExtendWith(KeycloakExtension.class)
class SingleNodeLoadIT {

    @Test
    void fullProfile(IcsoeKeycloak keycloak) {
        LoadRunner runner = new LoadRunner(LoadTargets.singleNode(keycloak), LoadRunner.FULL);
        LoadTargets.assertCorrect(runner.checks(), runner.run());
    }
}
