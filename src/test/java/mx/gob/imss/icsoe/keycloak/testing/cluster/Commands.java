package mx.gob.imss.icsoe.keycloak.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Short-lived commands of the cluster harness (initdb, pg_ctl, psql, openssl, useradd), output appended to a log. */
final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code command} in {@code dir}, appending its output to {@code log}; as {@code user} (through
     * {@code runuser}) when one is given.
     *
     * @throws IllegalStateException with the log's tail when it fails or times out
     */
    static void run(Path dir, Path log, String user, Map<String, String> environment, Duration timeout, String... command) {
        List<String> full = new ArrayList<>();
        if (user != null) {
            full.addAll(List.of(system("runuser"), "-u", user, "--"));
        }
        full.addAll(List.of(command));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "$ " + String.join(" ", full) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " took more than " + timeout.toSeconds() + " s. "
                        + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command[0] + " failed with code " + process.exitValue() + ". " + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command[0], e);
        }
    }

    /** {@code /usr/sbin/<name>} when it is there (CI's PATH may lack /usr/sbin), else the bare name. */
    static String system(String name) {
        Path sbin = Path.of("/usr/sbin", name);
        return Files.isExecutable(sbin) ? sbin.toString() : name;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String tail(Path log) {
        return "Last lines of " + log + ":\n" + mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer.tail(log, 40);
    }
}
