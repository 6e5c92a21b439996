package dev.retain.platform.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Backups get names by the time they were taken, in UTC ({@code retain-backup-20261207-033000.zip}), so that their
 * names sort as their times; retention only ever deletes files named so.
 */
final class BackupNames {

    private static final Pattern NAME = Pattern.compile("retain-backup-(\\d{8}-\\d{6})\\.zip");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private BackupNames() {}

    static String next(Clock clock) {
        return "retain-backup-" + TIME.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)) + ".zip";
    }

    /** When the backup of this name was taken; empty for any other file. */
    static Optional<Instant> takenAt(Path file) {
        var matcher = NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(LocalDateTime.parse(matcher.group(1), TIME).toInstant(ZoneOffset.UTC));
    }
}
