package dev.retain.platform.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.signin.SignInVerdict.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The counts live in the database; a clock of the test's own moves time instead of waiting. */
@IntegrationTest
class SignInAttemptsTests {

    private static final SignInSettings DEFAULTS = new SignInSettings(
            5, 20, 10, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ZERO, Duration.ofHours(1));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    final MovingClock clock = new MovingClock(Instant.parse("2026-11-02T08:00:00Z"));

    @Test
    void afterFiveFailuresEachAttemptWaitsTwiceAsLong() {
        SignInAttempts attempts = attempts(DEFAULTS);
        String user = aUsername();
        failTimes(attempts, user, 5);

        SignInVerdict sixth = attempts.begin(user, null);
        clock.move(Duration.ofSeconds(2));
        SignInVerdict afterTheWait = attempts.begin(user, null);
        attempts.failed(user);
        SignInVerdict seventh = attempts.begin(user, null);

        assertThat(sixth).isEqualTo(new SignInVerdict(Kind.WAIT, 2));
        assertThat(afterTheWait.allowed()).isTrue();
        assertThat(seventh).isEqualTo(new SignInVerdict(Kind.WAIT, 4));
    }

    @Test
    void afterTenFailuresTheAccountIsLockedUntilUnlocked() {
        SignInAttempts attempts = attempts(DEFAULTS);
        String user = aUsername();
        failTimes(attempts, user, 10);

        clock.move(Duration.ofDays(2));
        SignInVerdict locked = attempts.begin(user, null);
        boolean listed = attempts.lockedAccounts().contains(user);
        attempts.unlock(user);

        assertThat(locked.kind()).isEqualTo(Kind.LOCKED);
        assertThat(listed).isTrue();
        assertThat(attempts.begin(user, null).allowed()).isTrue();
    }

    @Test
    void aLockRunsOutWhenALockDurationIsSet() {
        SignInAttempts attempts = attempts(new SignInSettings(
                5, 20, 10, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1)));
        String user = aUsername();
        failTimes(attempts, user, 10);

        SignInVerdict during = attempts.begin(user, null);
        clock.move(Duration.ofMinutes(31));

        assertThat(during.kind()).isEqualTo(Kind.LOCKED);
        assertThat(attempts.begin(user, null).allowed()).isTrue();
    }

    @Test
    void aSuccessStartsTheAccountAfresh() {
        SignInAttempts attempts = attempts(DEFAULTS);
        String user = aUsername();
        failTimes(attempts, user, 4);

        attempts.begin(user, null);
        attempts.succeeded(user, null);

        assertThat(failures("ACCOUNT", user)).isNull();
    }

    @Test
    void anAddressWaitsAfterTwentyFailuresWhateverTheUsernames() {
        SignInAttempts attempts = attempts(DEFAULTS);
        String address = "198.51.100." + (System.nanoTime() % 250);
        jdbc.sql("delete from sign_in_throttle where scope = 'ADDRESS' and key = ?")
                .param(address)
                .update();
        for (int i = 0; i < 20; i++) {
            String user = aUsername();
            attempts.begin(user, address);
            attempts.failed(user);
        }

        assertThat(attempts.begin(aUsername(), address).kind()).isEqualTo(Kind.WAIT);
        assertThat(attempts.begin(aUsername(), "198.51.100.251").allowed()).isTrue();
    }

    @Test
    void concurrentAttemptsAreCountedExactly() throws Exception {
        SignInAttempts unlimited = attempts(new SignInSettings(
                1000, 1000, 1000, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ZERO, Duration.ofHours(1)));
        String user = aUsername();

        var verdicts = atOnce(24, () -> unlimited.begin(user, null));

        assertThat(verdicts).allMatch(SignInVerdict::allowed);
        assertThat(failures("ACCOUNT", user)).isEqualTo(24);
    }

    @Test
    void aBurstOfConcurrentAttemptsCannotSlipPastTheBackoff() throws Exception {
        SignInAttempts attempts = attempts(DEFAULTS);
        String user = aUsername();

        var verdicts = atOnce(24, () -> attempts.begin(user, null));

        assertThat(verdicts.stream().filter(SignInVerdict::allowed)).hasSize(5);
        assertThat(failures("ACCOUNT", user)).isEqualTo(5);
    }

    private java.util.List<SignInVerdict> atOnce(int count, Callable<SignInVerdict> attempt) throws Exception {
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<SignInVerdict>>();
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return transactions.execute(status -> {
                        try {
                            return attempt.call();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }));
            }
            start.countDown();
            var verdicts = new ArrayList<SignInVerdict>();
            for (var future : futures) {
                verdicts.add(future.get());
            }
            return verdicts;
        } finally {
            pool.shutdownNow();
        }
    }

    private SignInAttempts attempts(SignInSettings settings) {
        return new SignInAttempts(jdbc, settings, clock);
    }

    /** Fails the given number of times, each after the wait the previous failures imposed. */
    private void failTimes(SignInAttempts attempts, String user, int times) {
        for (int i = 0; i < times; i++) {
            clock.move(Duration.ofMinutes(20));
            assertThat(attempts.begin(user, null).allowed()).isTrue();
            attempts.failed(user);
        }
    }

    private Integer failures(String scope, String key) {
        return jdbc.sql("select failures from sign_in_throttle where scope = ? and key = ?")
                .params(scope, key)
                .query(Integer.class)
                .optional()
                .orElse(null);
    }

    private static String aUsername() {
        return "throttled-" + Long.toHexString(System.nanoTime());
    }

    /** A clock the test moves forward. */
    static final class MovingClock extends Clock {

        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
