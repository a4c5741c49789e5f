package mx.gob.imss.icsoe.keycloak.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.assertj.core.api.SoftAssertions;

import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster;

/** The two shapes a load run targets, and the correctness every phase of it must show. */
final class LoadTargets {

    private LoadTargets() {
    }

    static LoadRunner.Target singleNode(IcsoeKeycloak keycloak) {
        String shape = "one node, kc.sh start-dev, H2, the machine's default java, themes "
                + (Boolean.getBoolean(KeycloakDistServer.CACHE_THEMES_PROPERTY) ? "cached as in production" : "re-read on every page (dev mode)");
        return new LoadRunner.Target("single-node", shape, keycloak.baseUrl().replace("localhost", "127.0.0.1"),
                keycloak.baseUrl(),
                keycloak.admin(), keycloak.realm(), keycloak.mailbox(), new ServerProbe(List.of(keycloak.server())),
                keycloak.users(), java.net.http.HttpClient.newHttpClient(), workDir());
    }

    static LoadRunner.Target cluster(IcsoeCluster cluster) {
        String shape = "two nodes, kc.sh start --optimized on " + System.getProperty("icsoe.cluster.java.home")
                + ", PostgreSQL 15, behind HAProxy (TLS)";
        return new LoadRunner.Target("cluster", shape, cluster.baseUrl(), cluster.baseUrl(), cluster.admin(), cluster.realm(), cluster.mailbox(),
                new ServerProbe(List.of(cluster.node(IcsoeCluster.Node.A), cluster.node(IcsoeCluster.Node.B))),
                cluster.users(), cluster.http(), workDir());
    }

    /** No failed exchange, every due email once, none where none was due. */
    static void assertCorrect(List<LoadRunner.Correctness> checks, Path report) {
        assertThat(checks).as("phases run").isNotEmpty();
        SoftAssertions soft = new SoftAssertions();
        for (LoadRunner.Correctness check : checks) {
            String where = check.phase() + " (report " + report + ")";
            soft.assertThat(check.errors()).as("failed exchanges in " + where).isZero();
            soft.assertThat(check.mail().due()).as("emails due in " + where).isPositive();
            soft.assertThat(check.mail().lost()).as("emails lost in " + where).isZero();
            soft.assertThat(check.mail().duplicated()).as("emails duplicated in " + where).isZero();
            soft.assertThat(check.mail().unexpected()).as("emails nobody was due in " + where).isZero();
        }
        soft.assertAll();
    }

    private static Path workDir() {
        return Paths.get(IcsoeKeycloak.property("icsoe.work.dir")).resolve("load");
    }
}
