package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DatabaseReachabilityTests {

    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/retain";

    @Test
    void namesTheCauseWhenNothingListens() {
        assertThat(DatabaseReachability.problemReaching(UNREACHABLE, "retain", "secret"))
                .contains("Connection to 127.0.0.1:1 refused");
    }

    @Test
    void anExternalDatabaseIsNeverUsedWithoutAPassword() {
        assertThat(DatabaseReachability.missingPassword(UNREACHABLE, "")).contains("RETAIN_DB_PASSWORD is empty");
        assertThat(DatabaseReachability.missingPassword(UNREACHABLE, null)).isNotNull();
        assertThat(DatabaseReachability.missingPassword(UNREACHABLE, "secret")).isNull();
        assertThat(DatabaseReachability.missingPassword(UNREACHABLE + "?user=retain&password=secret", ""))
                .isNull();
        assertThat(DatabaseReachability.missingPassword(UNREACHABLE + "?password=", ""))
                .isNotNull();
        assertThat(DatabaseReachability.missingPassword("", "")).as("embedded").isNull();
    }

    @Test
    void theServerRefusesToStartWithOneClearLineWhenTheExternalDatabaseHasNoPassword() throws Exception {
        var command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.retain.RetainApplication",
                "serve");
        var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("RETAIN_DB_URL", UNREACHABLE);
        builder.environment().remove("RETAIN_DB_PASSWORD");
        builder.redirectError(File.createTempFile("retain-stderr", ".txt"));
        Process process = builder.start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(builder.redirectError().file().toPath(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stderr.strip().lines())
                .containsExactly("RETAIN_DB_URL is set but RETAIN_DB_PASSWORD is empty: Retain connects to an"
                        + " external database only with a password. Set RETAIN_DB_PASSWORD to the password of"
                        + " RETAIN_DB_USER (see docs/configuration.md#the-database).");
    }

    @Test
    void theServerExitsWithOneClearLineWhenTheDatabaseCannotBeReached() throws Exception {
        var command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.retain.RetainApplication",
                "serve");
        var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("RETAIN_DB_URL", UNREACHABLE);
        builder.environment().put("RETAIN_DB_PASSWORD", "secret");
        builder.redirectError(File.createTempFile("retain-stderr", ".txt"));
        Process process = builder.start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(builder.redirectError().file().toPath(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stderr.strip().lines())
                .containsExactly("Retain cannot reach the database at " + UNREACHABLE
                        + ": Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct and that"
                        + " the postmaster is accepting TCP/IP connections. (Connection refused)");
    }
}
