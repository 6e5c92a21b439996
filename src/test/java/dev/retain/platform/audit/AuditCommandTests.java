package dev.retain.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.RetainCommand;
import dev.retain.platform.AuditLog;
import java.nio.file.Path;
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

    private RetainCommand.Run retain(String... args) throws Exception {
        return RetainCommand.run(dataSource, Path.of("target/test-keys/personal-data.keys"), directory, args);
    }
}
