package mx.gob.imss.icsoe.keycloak;

import java.util.Map;

/** The jar's version (manifest {@code Implementation-Version}), for the admin console's provider info. */
public final class ExtensionVersion {

    private static final String VERSION = version();

    private ExtensionVersion() {
    }

    /** The version, or {@code "development"} when running from classes without a manifest. */
    public static String get() {
        return VERSION;
    }

    /** What every factory of this jar reports as operational info. */
    public static Map<String, String> operationalInfo() {
        return Map.of("version", VERSION);
    }

    private static String version() {
        String version = ExtensionVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
