package dev.retain.predict;

import dev.retain.platform.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The churn definition and risk bands an admin has chosen (one row). */
@Component
public class ChurnDefinition {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ChurnDefinition(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public ChurnSettings settings() {
        return jdbc.sql("select inactive_days, lookback_days, medium_from, high_from from churn_settings")
                .query((rs, row) -> new ChurnSettings(rs.getInt(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4)))
                .single();
    }

    /** Takes effect at the next training; the bands at the next scoring. */
    @Transactional
    public ChurnSettings update(ChurnSettings settings, String by) {
        ChurnSettings before = settings();
        jdbc.sql("""
                        update churn_settings set inactive_days = ?, lookback_days = ?, medium_from = ?, high_from = ?,
                            updated_by = ?, updated_at = ?""")
                .params(
                        settings.inactiveDays(),
                        settings.lookbackDays(),
                        settings.mediumFrom(),
                        settings.highFrom(),
                        by,
                        Timestamp.from(clock.instant()))
                .update();
        audit.record("update", "churn_settings", 1, before, settings);
        return settings();
    }
}
