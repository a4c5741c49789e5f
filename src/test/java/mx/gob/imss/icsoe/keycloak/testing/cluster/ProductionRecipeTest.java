package mx.gob.imss.icsoe.keycloak.testing.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer;

/**
 * One source of truth for the production recipe: {@code docs/production.md} quotes the shipped files
 * verbatim, names the same {@code kc.sh start} options as the cluster harness, and the Dockerfile builds
 * with the same {@code keycloak.conf}. The cluster ITs run those very files; this test fails as soon as
 * the docs and the files drift.
 */
class ProductionRecipeTest {

    private static final Path DOCS = Path.of("docs/production.md");
    private static final Pattern INCLUDED = Pattern.compile(
            "<!-- verbatim: (\\S+) -->\\n```[a-z]*\\n(.*?)```\\n", Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("--[a-z0-9]+(?:-{1,2}[a-z0-9]+)*");

    @Test
    void givenTheRecipe_whenItQuotesAShippedFile_thenTheQuoteIsTheFileVerbatim() throws IOException {
        String docs = read(DOCS);
        Matcher quote = INCLUDED.matcher(docs);
        Set<String> quoted = new TreeSet<>();
        while (quote.find()) {
            assertThat(quote.group(2)).as("docs/production.md's copy of %s", quote.group(1))
                    .isEqualTo(read(Path.of(quote.group(1))));
            quoted.add(quote.group(1));
        }
        assertThat(quoted).containsExactly("deploy/haproxy/haproxy.cfg", "deploy/keycloak/keycloak.conf");
    }

    @Test
    void givenTheRecipesStartCommand_whenComparedWithTheClusterHarness_thenBothNameTheSameOptions() throws IOException {
        String docs = read(DOCS);
        int start = docs.indexOf("bin/kc.sh start --optimized");
        assertThat(start).as("the recipe's start command").isPositive();
        String command = docs.substring(start, docs.indexOf("\n```", start));
        Set<String> documented = optionNames(command);

        List<String> harness = IcsoeCluster.startArguments("node-a", "jdbc:postgresql://db/keycloak",
                "https://public", "https://admin", 1, 2, 3);
        Set<String> tested = optionNames(String.join(" ", harness.subList(0, harness.size()
                - KeycloakDistServer.OUTBOX_TEST_SETTINGS.size())));
        assertThat(documented).isEqualTo(tested);
        assertThat(command).contains("sslmode=verify-full").contains("sslrootcert=");
    }

    @Test
    void givenTheDockerfile_whenItBuilds_thenItUsesTheShippedKeycloakConfAndAPinnedBaseImage() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile"), StandardCharsets.UTF_8);
        int copyConf = lines.indexOf("COPY deploy/keycloak/keycloak.conf /opt/keycloak/conf/keycloak.conf");
        int build = lines.indexOf("RUN /opt/keycloak/bin/kc.sh build");
        assertThat(copyConf).as("the recipe's keycloak.conf copied into the image").isNotNegative();
        assertThat(build).as("kc.sh build with no options besides keycloak.conf").isGreaterThan(copyConf);
        assertThat(lines).filteredOn(l -> l.contains("kc.sh build")).containsExactly("RUN /opt/keycloak/bin/kc.sh build");

        String pom = read(Path.of("pom.xml"));
        Matcher version = Pattern.compile("<keycloak.version>([^<]+)</keycloak.version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(lines).contains("ARG KEYCLOAK_VERSION=" + version.group(1));
        assertThat(lines).filteredOn(l -> l.startsWith("FROM ")).isNotEmpty()
                .allMatch(l -> l.startsWith("FROM quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}"));

        String conf = read(Path.of("deploy/keycloak/keycloak.conf"));
        assertThat(conf.lines().toList()).contains("db=postgres", "health-enabled=true", "metrics-enabled=true",
                "cache=ispn", "proxy-headers=xforwarded", "log=console,file",
                "log-level=info,org.keycloak.services.resources.admin.UserResource:error");
    }

    @Test
    void givenTheProxysFiveHundredRule_whenRead_thenItSparesThePagesTheExtensionMarks() throws IOException {
        assertThat(read(Path.of("deploy/haproxy/haproxy.cfg")))
                .contains("if { status ge 500 } !{ res.hdr(" + mx.gob.imss.icsoe.keycloak.OwnErrorPage.HEADER + ") -m found }");
    }

    @Test
    void givenTheProxysErrorFile_whenRead_thenItIsAWholeHttpAnswerWithTheSpanishPage() throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("deploy/haproxy/503.http"));
        String answer = new String(bytes, StandardCharsets.UTF_8);
        int head = answer.indexOf("\r\n\r\n");
        assertThat(head).as("an HTTP head ended by an empty CRLF line").isPositive();
        assertThat(answer.substring(0, head).split("\r\n")).startsWith("HTTP/1.1 503 Service Unavailable")
                .contains("Content-Type: text/html; charset=utf-8", "Retry-After: 30");
        assertThat(answer.substring(head + 4)).startsWith("<!DOCTYPE html>").contains("id=\"icsoe-unavailable\"")
                .contains("El servicio no está disponible por el momento");
    }

    private static Set<String> optionNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher option = OPTION.matcher(text);
        while (option.find()) {
            names.add(option.group());
        }
        return names;
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
