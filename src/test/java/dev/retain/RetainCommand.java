package dev.retain;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * {@code ./retain <command>} as a process of its own against a test server's database: the same installation (its
 * database user and personal-data keys), a data directory of its own.
 */
public final class RetainCommand {

    /** What the command said and how it ended. */
    public record Run(int exitCode, String output) {}

    private RetainCommand() {}

    /**
     * @param keyFile the test servers' personal-data key file (test {@code config/application.properties})
     * @param directory where the command keeps its data directory and output
     */
    public static Run run(DataSource dataSource, Path keyFile, Path directory, String... args) throws Exception {
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.retain.RetainApplication"));
        command.addAll(List.of(args));
        File output = Files.createTempFile(directory, "out", ".txt").toFile();
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        var pool = dataSource.unwrap(HikariDataSource.class);
        builder.environment().put("RETAIN_DB_URL", pool.getJdbcUrl());
        builder.environment().put("RETAIN_DB_USER", pool.getUsername());
        builder.environment().put("RETAIN_DB_PASSWORD", pool.getPassword() == null ? "" : pool.getPassword());
        builder.environment().put("RETAIN_DATA_DIR", directory.resolve("data").toString());
        builder.environment()
                .put("RETAIN_PERSONAL_DATA_KEY_FILE", keyFile.toAbsolutePath().toString());
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
    }
}
