package mx.gob.imss.icsoe.keycloak.load;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import mx.gob.imss.icsoe.keycloak.testing.cluster.ClusterExtension;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster;

/**
 * The load profile against the production shape: two nodes on PostgreSQL behind the TLS proxy, each
 * person from an address of its own (the proxy passes it on). The ten-minute steady run is the
 * single node's only.
 */
@Tag("load")
@Tag("cluster")
@ExtendWith(ClusterExtension.class)
class ClusterLoadIT {

    @Test
    void fullProfileWithoutTheSteadyRun(IcsoeCluster cluster) {
        LoadRunner runner = new LoadRunner(LoadTargets.cluster(cluster), LoadRunner.FULL.withoutSteadyRun("full"));
        LoadTargets.assertCorrect(runner.checks(), runner.run());
    }
}
