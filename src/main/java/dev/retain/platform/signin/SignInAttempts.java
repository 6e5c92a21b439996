package dev.retain.platform.signin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts sign-in attempts per account and per client address in the database, so every instance sees the same
 * counts. An attempt is counted as a failure before its password is checked and forgiven when it succeeds: attempts
 * sent at once queue on the row lock and each sees the ones before it, so a burst cannot slip past the backoff.
 * Usernames that do not exist are counted and locked like real ones, so the answers never tell them apart.
 */
@Service
public class SignInAttempts {

    enum Scope {
        ACCOUNT,
        ADDRESS
    }

    private record Counter(Scope scope, String key, int failures, Instant lastAttemptAt, Instant lockedAt) {}

    private final JdbcClient jdbc;
    private final SignInSettings settings;
    private final Clock clock;

    SignInAttempts(JdbcClient jdbc, SignInSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Decides whether the attempt may check its password; if so, counts it as a failure until it succeeds. */
    @Transactional
    public SignInVerdict begin(String username, String address) {
        // The database keeps microseconds: a time read back must not seem later than the one written
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Counter account = lockedCounter(Scope.ACCOUNT, accountKey(username), now);
        Counter client = address == null ? null : lockedCounter(Scope.ADDRESS, address, now);
        SignInVerdict verdict = verdict(account, settings.accountBackoffAfter, now);
        if (client != null) {
            verdict = verdict.stricter(verdict(client, settings.addressBackoffAfter, now));
        }
        if (!verdict.allowed()) {
            return verdict;
        }
        count(account, now);
        if (client != null) {
            count(client, now);
        }
        return verdict;
    }

    /** The password was wrong: the failure stays counted, and the account is locked once it reaches the limit. */
    @Transactional
    public boolean failed(String username) {
        return jdbc.sql("""
                        update sign_in_throttle set locked_at = ?
                        where scope = 'ACCOUNT' and key = ? and failures >= ? and locked_at is null""")
                        .params(Timestamp.from(clock.instant()), accountKey(username), settings.lockAfter)
                        .update()
                > 0;
    }

    /** The password was right: the account starts afresh, and the address is forgiven this attempt. */
    @Transactional
    public void succeeded(String username, String address) {
        unlock(username);
        if (address != null) {
            jdbc.sql("""
                            update sign_in_throttle set failures = greatest(failures - 1, 0)
                            where scope = 'ADDRESS' and key = ?""").param(address).update();
        }
    }

    /**
     * The password was right, and a second factor is still to come (or the password was all an API call needed of a
     * two-factor account): only this attempt is forgiven. The account's earlier failures still count, so that knowing
     * the password does not wipe out failed codes.
     */
    @Transactional
    public void passedPassword(String username, String address) {
        jdbc.sql("""
                        update sign_in_throttle set failures = greatest(failures - 1, 0)
                        where (scope = 'ACCOUNT' and key = ?) or (scope = 'ADDRESS' and key = ?)""").params(accountKey(username), address).update();
    }

    /** Lifts a lock and forgets the account's failures (an admin's decision, or a password reset). */
    @Transactional
    public void unlock(String username) {
        jdbc.sql("delete from sign_in_throttle where scope = 'ACCOUNT' and key = ?")
                .param(accountKey(username))
                .update();
    }

    /** Usernames (in lower case) whose accounts are locked now. */
    public Set<String> lockedAccounts() {
        Instant now = clock.instant();
        List<Counter> locked = jdbc.sql("""
                        select scope, key, failures, last_attempt_at, locked_at from sign_in_throttle
                        where scope = 'ACCOUNT' and locked_at is not null""")
                .query((rs, row) -> new Counter(
                        Scope.ACCOUNT,
                        rs.getString("key"),
                        rs.getInt("failures"),
                        rs.getTimestamp("last_attempt_at").toInstant(),
                        rs.getTimestamp("locked_at").toInstant()))
                .list();
        return locked.stream()
                .filter(counter -> stillLocked(counter, now))
                .map(Counter::key)
                .collect(Collectors.toUnmodifiableSet());
    }

    public static String accountKey(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private Counter lockedCounter(Scope scope, String key, Instant now) {
        jdbc.sql("""
                        insert into sign_in_throttle (scope, key, failures, last_attempt_at) values (?, ?, 0, ?)
                        on conflict (scope, key) do nothing""").params(scope.name(), key, Timestamp.from(now)).update();
        return jdbc.sql("""
                        select failures, last_attempt_at, locked_at from sign_in_throttle
                        where scope = ? and key = ? for update""")
                .params(scope.name(), key)
                .query((rs, row) -> {
                    Timestamp lockedAt = rs.getTimestamp("locked_at");
                    return new Counter(
                            scope,
                            key,
                            rs.getInt("failures"),
                            rs.getTimestamp("last_attempt_at").toInstant(),
                            lockedAt == null ? null : lockedAt.toInstant());
                })
                .single();
    }

    private SignInVerdict verdict(Counter counter, int backoffAfter, Instant now) {
        if (stillLocked(counter, now)) {
            return SignInVerdict.LOCKED;
        }
        Duration delay = settings.delayAfter(failuresThatCount(counter, now), backoffAfter);
        Instant allowedFrom = counter.lastAttemptAt().plus(delay);
        if (!delay.isZero() && now.isBefore(allowedFrom)) {
            long millis = Duration.between(now, allowedFrom).toMillis();
            return SignInVerdict.waitFor((millis + 999) / 1000);
        }
        return SignInVerdict.ALLOWED;
    }

    private void count(Counter counter, Instant now) {
        jdbc.sql("""
                        update sign_in_throttle set failures = ?, last_attempt_at = ?, locked_at = null
                        where scope = ? and key = ?""")
                .params(
                        failuresThatCount(counter, now) + 1,
                        Timestamp.from(now),
                        counter.scope().name(),
                        counter.key())
                .update();
    }

    /** Failures long past, or before a lock that has run out, no longer count. */
    private int failuresThatCount(Counter counter, Instant now) {
        if (counter.lockedAt() != null) {
            return stillLocked(counter, now) ? counter.failures() : 0;
        }
        boolean forgotten = counter.lastAttemptAt().plus(settings.forgetAfter).isBefore(now);
        return forgotten ? 0 : counter.failures();
    }

    private boolean stillLocked(Counter counter, Instant now) {
        if (counter.lockedAt() == null) {
            return false;
        }
        return settings.locksUntilLifted() || now.isBefore(counter.lockedAt().plus(settings.lockDuration));
    }
}
