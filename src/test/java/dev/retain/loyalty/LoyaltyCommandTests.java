package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code ./retain loyalty check} as an operator or a monitoring job runs it: a separate process, exit code first. */
@LoyaltyTest
class LoyaltyCommandTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    Customers customers;

    @Autowired
    Loyalty loyalty;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @TempDir
    Path directory;

    @Test
    void exitsZeroWhenTheLedgerIsWholeAndOneNamingAWalletThatDiffers() throws Exception {
        clock.set(null);
        String token = Long.toString(System.nanoTime(), 36);
        long member = customers
                .create(new CustomerDraft(
                        CustomerKind.PERSON,
                        "核对 " + token,
                        null,
                        "check-" + token + "@example.com",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "loyalty-test",
                        Map.of()))
                .id();
        loyalty.earn(member, "check-" + token, 12, LoyaltyReason.CAMPAIGN, null);

        var whole = retain("loyalty", "check");
        assertThat(whole.exitCode()).as(whole.output()).isZero();
        assertThat(whole.output()).contains("OK: the ledger balances and equals every wallet");

        jdbc.sql("update loyalty_members set pending = pending + 3 where customer_id = ?")
                .param(member)
                .update();
        try {
            var broken = retain("loyalty", "check");
            assertThat(broken.exitCode()).as(broken.output()).isEqualTo(LoyaltyCommand.BROKEN);
            assertThat(broken.output())
                    .contains("BROKEN:")
                    .contains("customer " + member + ": the cached wallet says 12 spendable and 3 pending");
        } finally {
            jdbc.sql("update loyalty_members set pending = pending - 3 where customer_id = ?")
                    .param(member)
                    .update();
        }
        assertThat(retain("loyalty", "verify").exitCode()).isEqualTo(LoyaltyCommand.WRONG_ARGUMENTS);
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
                        Path.of("target/test-data-loyalty/keys/personal-data.keys")
                                .toAbsolutePath()
                                .toString());
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
    }
}
