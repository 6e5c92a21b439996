package dev.retain.platform;

import dev.retain.platform.backup.BackupCommand;
import dev.retain.platform.backup.RestoreCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's {@code backup} and {@code restore} commands. They run without the application (no web server, no
 * scheduler), so a backup can be taken beside a running server and a restore never races one; each returns its exit
 * code.
 */
public final class Backups {

    private Backups() {}

    /** {@code ./retain backup [--to FILE] [--include-keys]}. */
    public static int backup(String[] args) {
        onlyWarnings();
        return BackupCommand.run(args);
    }

    /** {@code ./retain restore FILE [--data-dir DIR]}. */
    public static int restore(String[] args) {
        onlyWarnings();
        return RestoreCommand.run(args);
    }

    /** The commands print what they did; the libraries' progress (the embedded server, migrations) stays out. */
    private static void onlyWarnings() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
