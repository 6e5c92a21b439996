package dev.retain.platform.backup;

import java.nio.file.Path;
import java.util.Map;

/** Where the commands find the data directory, the backups folder and the database: the launcher's environment. */
record BackupSettings(Path dataDirectory, Path folder, String dbUrl, String dbUser, String dbPassword) {

    static BackupSettings fromEnvironment(Map<String, String> environment) {
        Path data = Path.of(value(environment, "RETAIN_DATA_DIR", "./data"));
        String folder = value(environment, "RETAIN_BACKUP_DIR", "");
        return new BackupSettings(
                data,
                folder.isBlank() ? data.resolve("backups") : Path.of(folder),
                value(environment, "RETAIN_DB_URL", ""),
                value(environment, "RETAIN_DB_USER", "postgres"),
                value(environment, "RETAIN_DB_PASSWORD", ""));
    }

    boolean external() {
        return !dbUrl.isBlank();
    }

    private static String value(Map<String, String> environment, String name, String otherwise) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
