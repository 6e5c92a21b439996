package dev.retain.platform.twofactor;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in with an authenticator app (TOTP) for one's own account: enrolment confirmed by a first code, the
 * check of a code at sign-in (each accepted once), recovery codes used in its place, switching it off, and an admin's
 * reset. The secret is shown only while enrolling; every change is audited, never with a secret or code.
 */
@Service
public class TwoFactor {

    private static final int SECRET_BYTES = 20;

    /** What a code given at sign-in turned out to be. */
    public enum CodeCheck {
        APP_CODE,
        RECOVERY_CODE,
        /** A code of the authenticator app that was accepted before: refused. */
        REUSED,
        WRONG;

        public boolean accepted() {
            return this == APP_CODE || this == RECOVERY_CODE;
        }
    }

    /** What the enrolment page shows: the secret as text and as a QR code of its {@code otpauth:} URI. */
    public record Enrolment(String secret, String otpauthUri, String qrCode) {}

    private record Account(long id, String passwordHash, String secret, long lastStep) {

        boolean enabled() {
            return secret != null;
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordEncoder passwords;
    private final String issuer;
    private final SecureRandom random = new SecureRandom();

    TwoFactor(
            JdbcClient jdbc,
            AuditLog audit,
            Clock clock,
            PasswordEncoder passwords,
            @Value("${retain.security.two-factor.issuer:Retain}") String issuer) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.passwords = passwords;
        this.issuer = issuer;
    }

    public boolean enabledFor(String username) {
        return account(username, false).map(Account::enabled).orElse(false);
    }

    /** A fresh secret for the user to scan; nothing is stored until {@link #enable} confirms it. */
    public Enrolment newEnrolment(String username) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return enrolment(username, Base32.encode(secret));
    }

    /** The enrolment of a secret not yet confirmed (kept in the user's session meanwhile). */
    public Enrolment enrolment(String username, String secret) {
        String label = encode(issuer) + ":" + encode(username);
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new Enrolment(secret, uri, QrCodeImage.svgDataUri(uri));
    }

    /**
     * Switches two-factor sign-in on with the secret the user scanned, once they typed a current code of it; returns
     * the recovery codes, to be shown this once.
     */
    @Transactional
    public List<String> enable(String username, String secret, String code) {
        Account account = account(username, true).orElseThrow(() -> new NotFoundException("User", username));
        if (account.enabled()) {
            throw new ConflictException("Two-factor sign-in is on already");
        }
        byte[] key;
        try {
            key = Base32.decode(secret);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("secret", "is not base32");
        }
        Instant now = clock.instant();
        OptionalLong step = Totp.matchingStep(key, digits(code), now, Long.MIN_VALUE);
        if (step.isEmpty()) {
            throw new InvalidInputException("code", "is not the current code of the authenticator app");
        }
        jdbc.sql("update users set totp_secret = ?, totp_enabled_at = ?, totp_last_step = ? where id = ?")
                .params(secret, Timestamp.from(now), step.getAsLong(), account.id())
                .update();
        List<String> codes = replaceRecoveryCodes(account.id(), now);
        audit.record("enable-two-factor", "user", account.id(), null, null);
        return codes;
    }

    /**
     * Checks the code given at sign-in: a current code of the app, accepted once (its time step is remembered, and no
     * earlier step is accepted after it), or an unused recovery code, used up by this.
     */
    @Transactional
    public CodeCheck check(String username, String typed) {
        Optional<Account> found = account(username, true);
        if (found.isEmpty() || !found.get().enabled() || typed == null) {
            return CodeCheck.WRONG;
        }
        Account account = found.get();
        Instant now = clock.instant();
        String code = digits(typed);
        if (code.matches("\\d{" + Totp.DIGITS + "}")) {
            byte[] key = Base32.decode(account.secret());
            OptionalLong step = Totp.matchingStep(key, code, now, account.lastStep());
            if (step.isPresent()) {
                jdbc.sql("update users set totp_last_step = ? where id = ?")
                        .params(step.getAsLong(), account.id())
                        .update();
                return CodeCheck.APP_CODE;
            }
            return Totp.inWindow(key, code, now) ? CodeCheck.REUSED : CodeCheck.WRONG;
        }
        if (RecoveryCodes.normalise(typed).isPresent()) {
            int used = jdbc.sql("""
                            update two_factor_recovery_codes set used_at = ?
                            where user_id = ? and code_hash = ? and used_at is null""")
                    .params(Timestamp.from(now), account.id(), RecoveryCodes.hash(typed))
                    .update();
            if (used == 1) {
                return CodeCheck.RECOVERY_CODE;
            }
        }
        return CodeCheck.WRONG;
    }

    /** Recovery codes not used yet. */
    public int recoveryCodesLeft(String username) {
        return jdbc.sql("""
                        select count(*) from two_factor_recovery_codes c join users u on u.id = c.user_id
                        where u.username = ? and c.used_at is null""").param(username).query(Integer.class).single();
    }

    /** New recovery codes in place of the old ones, for a user who proves it is them (a current code or password). */
    @Transactional
    public List<String> regenerateRecoveryCodes(String username, String proof) {
        Account account = provenAccount(username, proof);
        List<String> codes = replaceRecoveryCodes(account.id(), clock.instant());
        audit.record("regenerate-recovery-codes", "user", account.id(), null, null);
        return codes;
    }

    /** The user switches two-factor sign-in off, proving it is them with a current code or their password. */
    @Transactional
    public void disable(String username, String proof) {
        Account account = provenAccount(username, proof);
        switchOff(account.id());
        audit.record("disable-two-factor", "user", account.id(), null, null);
    }

    /**
     * An admin switches a user's two-factor sign-in off (a lost phone, no recovery code left); if a role of theirs
     * requires it, they enrol again right after their next password.
     */
    @Transactional
    public void reset(long userId) {
        boolean wasOn = jdbc.sql("select totp_secret is not null from users where id = ? for update")
                .param(userId)
                .query(Boolean.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("User", userId));
        switchOff(userId);
        audit.record("reset-two-factor", "user", userId, Map.of("twoFactor", wasOn), Map.of("twoFactor", false));
    }

    private void switchOff(long userId) {
        jdbc.sql("update users set totp_secret = null, totp_enabled_at = null, totp_last_step = null where id = ?")
                .param(userId)
                .update();
        jdbc.sql("delete from two_factor_recovery_codes where user_id = ?")
                .param(userId)
                .update();
    }

    private Account provenAccount(String username, String proof) {
        Account account = account(username, true).orElseThrow(() -> new NotFoundException("User", username));
        if (!account.enabled()) {
            throw new ConflictException("Two-factor sign-in is off");
        }
        String code = proof == null ? "" : digits(proof);
        boolean proven;
        if (code.matches("\\d{" + Totp.DIGITS + "}")) {
            proven = check(username, code) == CodeCheck.APP_CODE;
        } else {
            proven = proof != null && passwords.matches(proof, account.passwordHash());
        }
        if (!proven) {
            throw new InvalidInputException(
                    "proof", "is neither a current code of the authenticator app nor the password");
        }
        return account;
    }

    private List<String> replaceRecoveryCodes(long userId, Instant now) {
        jdbc.sql("delete from two_factor_recovery_codes where user_id = ?")
                .param(userId)
                .update();
        List<String> codes = RecoveryCodes.generate(random);
        for (String code : codes) {
            jdbc.sql("insert into two_factor_recovery_codes (user_id, code_hash, created_at) values (?, ?, ?)")
                    .params(userId, RecoveryCodes.hash(code), Timestamp.from(now))
                    .update();
        }
        return codes;
    }

    /** The account, its row locked when asked: checks of one user's codes are made one after the other. */
    private Optional<Account> account(String username, boolean lock) {
        return jdbc.sql("select id, password_hash, totp_secret, totp_last_step from users where username = ?"
                        + (lock ? " for update" : ""))
                .param(username)
                .query((rs, row) -> {
                    long last = rs.getLong("totp_last_step");
                    boolean neverUsed = rs.wasNull();
                    return new Account(
                            rs.getLong("id"),
                            rs.getString("password_hash"),
                            rs.getString("totp_secret"),
                            neverUsed ? Long.MIN_VALUE : last);
                })
                .optional();
    }

    /** A code as typed, without the spaces apps show in the middle. */
    private static String digits(String code) {
        return code == null ? "" : code.replaceAll("\\s", "");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
