package dev.retain.platform.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which backups in the folder are kept: the {@code keep} newest, and of those only the ones younger than
 * {@code keepDays} when that is set; the newest is always kept. Only files named as backups are ever deleted, and
 * leftovers of interrupted backups once they are a day old.
 */
record BackupRetention(int keep, int keepDays) {

    private static final Duration LEFTOVER_AGE = Duration.ofDays(1);

    BackupRetention {
        if (keep < 1) {
            throw new IllegalArgumentException("retain.backup.keep must be at least 1, not " + keep);
        }
        if (keepDays < 0) {
            throw new IllegalArgumentException("retain.backup.keep-days must be 0 (no limit) or more, not " + keepDays);
        }
    }

    /** Deletes what is not kept; returns the deleted files. */
    List<Path> apply(Path folder, Instant now) throws IOException {
        var deleted = new ArrayList<Path>();
        if (!Files.isDirectory(folder)) {
            return deleted;
        }
        List<Path> backups;
        List<Path> leftovers;
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.toList();
            backups = all.stream()
                    .filter(file -> BackupNames.takenAt(file).isPresent())
                    .sorted(Comparator.comparing(
                                    (Path file) -> BackupNames.takenAt(file).orElseThrow())
                            .reversed())
                    .toList();
            leftovers = all.stream().filter(BackupWriter::isPartial).toList();
        }
        Instant oldest = keepDays == 0 ? Instant.MIN : now.minus(Duration.ofDays(keepDays));
        for (int i = 1; i < backups.size(); i++) {
            Path backup = backups.get(i);
            if (i >= keep || BackupNames.takenAt(backup).orElseThrow().isBefore(oldest)) {
                Files.deleteIfExists(backup);
                deleted.add(backup);
            }
        }
        for (Path leftover : leftovers) {
            if (Files.getLastModifiedTime(leftover).toInstant().isBefore(now.minus(LEFTOVER_AGE))) {
                Files.deleteIfExists(leftover);
                deleted.add(leftover);
            }
        }
        return deleted;
    }
}
