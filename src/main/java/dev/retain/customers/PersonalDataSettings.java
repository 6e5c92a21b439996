package dev.retain.customers;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ExpiringCache;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PersonalDataKeys;
import dev.retain.platform.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which profile fields are sensitive (encrypted at rest, masked for some roles), which roles see them in full, and the
 * conversion that brings stored values in line after a change or a new key. Read on every customer shown, so kept for
 * a moment; a change shows at once here, on other instances within seconds (and the conversion sweeps up anything
 * they wrote in the old form meanwhile).
 */
@Service
public class PersonalDataSettings {

    /** The settings as they are now; {@code converting} while stored values may be in either form. */
    public record Snapshot(Set<SensitiveField> sensitive, Set<Role> fullView, boolean converting) {

        public boolean isSensitive(SensitiveField field) {
            return sensitive.contains(field);
        }

        /** Whether stored values of the field may be plain now. */
        boolean mayBePlain(SensitiveField field) {
            return converting || !sensitive.contains(field);
        }

        /** Whether stored values of the field may be encrypted now. */
        boolean mayBeSealed(SensitiveField field) {
            return converting || sensitive.contains(field);
        }
    }

    /** Why stored values are being converted. */
    public enum Reason {
        FIELDS,
        ROTATION
    }

    /** The conversion's progress: {@code nextAfter} null when nothing is left to do. */
    public record Conversion(
            Long nextAfter,
            Reason reason,
            String requestedBy,
            Instant requestedAt,
            long customersDone,
            Instant finishedAt,
            long customers) {

        public boolean running() {
            return nextAfter != null;
        }
    }

    private final ExpiringCache<Boolean, Snapshot> cache = new ExpiringCache<>(Duration.ofSeconds(2));
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PersonalDataKeys keys;
    private final Clock clock;

    PersonalDataSettings(JdbcClient jdbc, AuditLog audit, PersonalDataKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.keys = keys;
        this.clock = clock;
    }

    public Snapshot now() {
        return cache.get(Boolean.TRUE, any -> load());
    }

    /** The settings as stored this moment, not as kept for a moment. */
    public Snapshot fresh() {
        return load();
    }

    public boolean isSensitive(SensitiveField field) {
        return now().isSensitive(field);
    }

    private Snapshot load() {
        Set<SensitiveField> sensitive = EnumSet.noneOf(SensitiveField.class);
        jdbc.sql("select field from personal_data_fields where sensitive")
                .query(String.class)
                .list()
                .forEach(field -> sensitive.add(SensitiveField.ofColumn(field)));
        Set<Role> fullView = EnumSet.noneOf(Role.class);
        jdbc.sql("select role from personal_data_full_view_roles")
                .query(String.class)
                .list()
                .forEach(role -> fullView.add(Role.valueOf(role)));
        boolean converting = jdbc.sql("select cursor_id is not null from personal_data_conversion")
                .query(Boolean.class)
                .single();
        return new Snapshot(Set.copyOf(sensitive), Set.copyOf(fullView), converting);
    }

    public Conversion conversion() {
        return jdbc.sql("""
                        select cursor_id, reason, requested_by, requested_at, customers_done, finished_at,
                               (select count(*) from customers) as customers
                        from personal_data_conversion""")
                .query((rs, row) -> new Conversion(
                        rs.getObject("cursor_id", Long.class),
                        rs.getString("reason") == null ? null : Reason.valueOf(rs.getString("reason")),
                        rs.getString("requested_by"),
                        instant(rs.getTimestamp("requested_at")),
                        rs.getLong("customers_done"),
                        instant(rs.getTimestamp("finished_at")),
                        rs.getLong("customers")))
                .single();
    }

    /**
     * Marks the sensitive fields and the roles that see them in full. A change of the fields starts the conversion of
     * every stored value, in the background; the server stays usable meanwhile.
     */
    @Transactional
    public Snapshot change(Set<SensitiveField> sensitive, Set<Role> fullView) {
        if (fullView.isEmpty()) {
            throw new InvalidInputException("fullView", "at least one role must see contact data in full (ADMIN)");
        }
        Snapshot before = fresh();
        Instant now = clock.instant();
        for (SensitiveField field : SensitiveField.values()) {
            boolean marked = sensitive.contains(field);
            if (marked != before.isSensitive(field)) {
                jdbc.sql(
                                "update personal_data_fields set sensitive = ?, changed_by = ?, changed_at = ? where field = ?")
                        .params(marked, AuditLog.currentActor(), Timestamp.from(now), field.column())
                        .update();
            }
        }
        if (!fullView.equals(before.fullView())) {
            jdbc.sql("delete from personal_data_full_view_roles").update();
            fullView.forEach(role -> jdbc.sql("insert into personal_data_full_view_roles (role) values (?)")
                    .param(role.name())
                    .update());
        }
        if (!Set.copyOf(sensitive).equals(before.sensitive())) {
            startConversion(Reason.FIELDS, now);
        }
        cache.clear();
        Snapshot after = fresh();
        audit.record("change", "personal_data_settings", null, describe(before), describe(after));
        return after;
    }

    /**
     * Adds a fresh encryption key, makes it the one new values are sealed with, and starts re-encrypting every stored
     * value with it. Blind indexes keep their own key: changing that one would mean recomputing every index.
     *
     * @return the new key's number
     */
    @Transactional
    public int rotateKey() {
        int version = keys.addKey();
        startConversion(Reason.ROTATION, clock.instant());
        cache.clear();
        audit.record("rotate_key", "personal_data_settings", null, null, Map.of("activeKey", version));
        return version;
    }

    private void startConversion(Reason reason, Instant now) {
        jdbc.sql("""
                        update personal_data_conversion set cursor_id = 0, reason = ?, requested_by = ?,
                            requested_at = ?, customers_done = 0, finished_at = null""")
                .params(reason.name(), AuditLog.currentActor(), Timestamp.from(now))
                .update();
    }

    /** Forgets what was kept, after the conversion finished. */
    void forget() {
        cache.clear();
    }

    private static Map<String, Object> describe(Snapshot snapshot) {
        var described = new LinkedHashMap<String, Object>();
        described.put(
                "sensitive",
                snapshot.sensitive().stream().map(Enum::name).sorted().toList());
        described.put(
                "fullView",
                snapshot.fullView().stream().map(Enum::name).sorted().toList());
        return described;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
