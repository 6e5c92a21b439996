package dev.retain.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.retain.IntegrationTest;
import dev.retain.platform.AuditLog;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code ./retain audit verify} as an operator or a monitoring job runs it: a separate process, exit code first. */
@IntegrationTest
class AuditCommandTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @TempDir
    Path directory;

    @Test
    void exitsZeroWhenIntactAndOneAtTheEntryWhereTheChainBreaks() throws Exception {
        transactions.executeWithoutResult(status -> audit.record("checked by the command", "test", 1, null, null));
        long id = jdbc.sql("select max(id) from audit_log where action = 'checked by the command'")
                .query(Long.class)
                .single();

        var intact = retain("audit", "verify");
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).containsPattern("OK: \\d+ entries, chain intact");

        String partition = jdbc.sql("select tableoid::regclass::text from audit_log where id = ?")
                .param(id)
                .query(String.class)
                .single();
        tamper(partition, "update " + partition + " set entity_id = '2' where id = " + id);
        try {
            var broken = retain("audit", "verify");
            assertThat(broken.exitCode()).as(broken.output()).isEqualTo(AuditCommand.BROKEN);
            assertThat(broken.output()).contains("BROKEN at entry " + id + " (");
        } finally {
            tamper(partition, "update " + partition + " set entity_id = '1' where id = " + id);
        }
    }

    private void tamper(String partition, String statement) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table " + partition + " disable trigger audit_log_append_only")
                    .update();
            jdbc.sql(statement).update();
            jdbc.sql("alter table " + partition + " enable trigger audit_log_append_only")
                    .update();
        });
    }

    private record Run(int exitCode, String output) {}

    private Run retain(String... args) throws Exception {
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
        // the same installation as the test server: its personal-data keys
        builder.environment()
                .put(
                        "RETAIN_PERSONAL_DATA_KEY_FILE",
                        java.nio.file.Path.of("target/test-data/keys/personal-data.keys")
                                .toAbsolutePath()
                                .toString());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
    }
}
