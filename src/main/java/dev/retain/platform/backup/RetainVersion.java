package dev.retain.platform.backup;

/** The version of Retain running, as its jar names it, for the manifest. */
final class RetainVersion {

    private RetainVersion() {}

    static String current() {
        String version = RetainVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
