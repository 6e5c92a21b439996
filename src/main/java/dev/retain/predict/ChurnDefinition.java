package dev.retain.predict;

import dev.retain.customers.CustomFieldDefinition;
import dev.retain.customers.CustomFieldType;
import dev.retain.customers.CustomFields;
import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The churn definition and risk bands an admin has chosen (one row). */
@Component
public class ChurnDefinition {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final CustomFields customFields;

    ChurnDefinition(JdbcClient jdbc, AuditLog audit, Clock clock, CustomFields customFields) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.customFields = customFields;
    }

    public ChurnSettings settings() {
        return jdbc.sql("""
                        select basis, inactive_days, lookback_days, contract_field, grace_days, medium_from, high_from
                        from churn_settings""")
                .query((rs, row) -> new ChurnSettings(
                        ChurnBasis.valueOf(rs.getString(1)),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getDouble(6),
                        rs.getDouble(7)))
                .single();
    }

    /** Takes effect at the next training; the bands at the next scoring. */
    @Transactional
    public ChurnSettings update(ChurnSettings settings, String by) {
        if (settings.basis() == ChurnBasis.CONTRACT_RENEWAL) {
            requireDateField(settings.contractField());
        }
        ChurnSettings before = settings();
        jdbc.sql("""
                        update churn_settings set basis = ?, inactive_days = ?, lookback_days = ?, contract_field = ?,
                            grace_days = ?, medium_from = ?, high_from = ?, updated_by = ?, updated_at = ?""")
                .params(
                        settings.basis().name(),
                        settings.inactiveDays(),
                        settings.lookbackDays(),
                        settings.contractField(),
                        settings.graceDays(),
                        settings.mediumFrom(),
                        settings.highFrom(),
                        by,
                        Timestamp.from(clock.instant()))
                .update();
        audit.record("update", "churn_settings", 1, before, settings);
        return settings();
    }

    /** The DATE custom fields, of which one can hold the contract end. */
    public List<CustomFieldDefinition> dateFields() {
        return customFields.definitions().stream()
                .filter(field -> field.type() == CustomFieldType.DATE)
                .toList();
    }

    private void requireDateField(String key) {
        if (dateFields().stream().noneMatch(field -> field.key().equals(key))) {
            throw new InvalidInputException(
                    "contractField",
                    "no DATE custom field with key '" + key + "'; define it under custom fields first");
        }
    }
}
