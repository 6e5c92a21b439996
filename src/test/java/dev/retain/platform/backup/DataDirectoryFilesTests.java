package dev.retain.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryFilesTests {

    @TempDir
    Path data;

    @Test
    void takesTheUploadsAlongButNeitherTheDatabaseNorItsPasswordsNorTheBackupsNorUnaskedKeys() throws IOException {
        file("imports/0b1c-customers.csv");
        file("imports/pending/5d6e");
        file("pg/PG_VERSION");
        file("pg-runtime/PG-1/bin/postgres");
        file("pg-passwords");
        file("backups/retain-backup-20261207-033000.zip");
        file("keys/data.key");

        var without = new DataDirectoryFiles(data, false, List.of(data.resolve("backups")));
        assertThat(without.list().stream().map(without::relative))
                .containsExactly("imports/0b1c-customers.csv", "imports/pending/5d6e");

        var with = new DataDirectoryFiles(data, true, List.of(data.resolve("backups")));
        assertThat(with.list().stream().map(with::relative))
                .containsExactly("imports/0b1c-customers.csv", "imports/pending/5d6e", "keys/data.key");
    }

    @Test
    void aRestoredFileStaysInsideTheDataDirectoryAndOutOfTheDatabasesFiles() {
        assertThat(DataDirectoryFiles.restoredPath(data, "imports/pending/5d6e"))
                .isEqualTo(data.toAbsolutePath().normalize().resolve("imports/pending/5d6e"));
        for (String outside : List.of(
                "../elsewhere", "/etc/passwd", "imports/../../x", "pg/postgresql.conf", "pg-passwords", "a\\b", "")) {
            assertThatThrownBy(() -> DataDirectoryFiles.restoredPath(data, outside))
                    .as(outside)
                    .isInstanceOf(BackupRefusedException.class);
        }
    }

    private void file(String relative) throws IOException {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative);
    }
}
