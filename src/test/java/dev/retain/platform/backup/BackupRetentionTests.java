package dev.retain.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRetentionTests {

    private static final Instant NOW = Instant.parse("2026-12-10T03:30:00Z");

    @TempDir
    Path folder;

    @Test
    void keepsTheNewestAndNoOthersFiles() throws IOException {
        for (int day = 1; day <= 9; day++) {
            backup("202612%02d-033000".formatted(day));
        }
        Files.writeString(folder.resolve("notes.txt"), "mine");
        Files.writeString(folder.resolve("retain-backup-latest.zip"), "named by hand");

        new BackupRetention(3, 0).apply(folder, NOW);

        assertThat(names())
                .containsExactly(
                        "notes.txt",
                        "retain-backup-20261207-033000.zip",
                        "retain-backup-20261208-033000.zip",
                        "retain-backup-20261209-033000.zip",
                        "retain-backup-latest.zip");
    }

    @Test
    void keepsOnlyThoseYoungerThanTheDaysButAlwaysTheNewest() throws IOException {
        backup("20261201-033000");
        backup("20261205-033000");
        backup("20261208-033000");

        new BackupRetention(7, 3).apply(folder, NOW);
        assertThat(names()).containsExactly("retain-backup-20261208-033000.zip");

        new BackupRetention(7, 1).apply(folder, NOW);
        assertThat(names()).as("the newest stays, however old").containsExactly("retain-backup-20261208-033000.zip");
    }

    @Test
    void leftoversOfInterruptedBackupsGoOnceADayOld() throws IOException {
        Path old = Files.writeString(folder.resolve(".retain-backup-20261201-033000.zip.123.partial"), "killed");
        Files.setLastModifiedTime(old, FileTime.from(NOW.minusSeconds(2 * 86400)));
        Path running = Files.writeString(folder.resolve(".retain-backup-20261210-033000.zip.456.partial"), "running");
        Files.setLastModifiedTime(running, FileTime.from(NOW.minusSeconds(60)));

        assertThat(new BackupRetention(7, 0).apply(folder, NOW)).containsExactly(old);
        assertThat(running).exists();
    }

    @Test
    void keepsAtLeastOne() {
        assertThatThrownBy(() -> new BackupRetention(0, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new BackupRetention(1, -1)).hasMessageContaining("keep-days");
    }

    private void backup(String time) throws IOException {
        Files.writeString(folder.resolve("retain-backup-" + time + ".zip"), time);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
