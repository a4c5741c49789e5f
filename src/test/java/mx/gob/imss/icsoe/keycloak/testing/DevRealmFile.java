package mx.gob.imss.icsoe.keycloak.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.util.JsonSerialization;

/**
 * The shipped {@code realm-export.json} requires TLS everywhere ({@code sslRequired: all}), as a
 * production import must. A single-node dev server on plain-HTTP loopback (the single-node tests,
 * the demo) imports its own copy with {@code sslRequired: external} instead; the shipped file is
 * never edited.
 */
public final class DevRealmFile {

    private DevRealmFile() {
    }

    /** Writes the plain-HTTP copy of {@code shipped} to {@code target} and returns {@code target}. */
    public static Path plainHttpCopy(Path shipped, Path target) {
        try {
            ObjectNode realm = (ObjectNode) JsonSerialization.mapper.readTree(shipped.toFile());
            realm.put("sslRequired", "external");
            Files.createDirectories(target.toAbsolutePath().getParent());
            JsonSerialization.mapper.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), realm);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the dev copy of " + shipped, e);
        }
    }
}
