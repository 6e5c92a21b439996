package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.RetainCommand;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import java.nio.file.Path;
import java.util.Map;
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

    private RetainCommand.Run retain(String... args) throws Exception {
        return RetainCommand.run(dataSource, Path.of("target/test-keys/personal-data.keys"), directory, args);
    }
}
