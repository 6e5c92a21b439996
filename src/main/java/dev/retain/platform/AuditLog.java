package dev.retain.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes who changed what, when, with the state before and after. Called inside the changing transaction, so a
 * change and its audit entry commit or roll back together.
 */
@Component
public class AuditLog {

    public static final String TABLE = "audit_log";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final MonthlyPartitions partitions;

    AuditLog(JdbcClient jdbc, ObjectMapper json, Clock clock, MonthlyPartitions partitions) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.partitions = partitions;
    }

    /** Records a change; {@code before} is null for creations, {@code after} null for deletions. */
    public void record(String action, String entityType, Object entityId, Object before, Object after) {
        recordAs(currentActor(), action, entityType, entityId, before, after);
    }

    /** Records an action of someone not signed in (yet), such as a sign-in attempt. */
    public void recordAs(String actor, String action, String entityType, Object entityId, Object before, Object after) {
        Instant now = clock.instant();
        partitions.ensure(TABLE, now, now);
        jdbc.sql("""
                        insert into audit_log (at, actor, action, entity_type, entity_id, before, after)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")
                .params(
                        Timestamp.from(now),
                        actor,
                        action,
                        entityType,
                        entityId == null ? null : entityId.toString(),
                        toJson(before),
                        toJson(after))
                .update();
    }

    /** The signed-in user's name, "api-key:NAME" for API keys, or "system". */
    public static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return "system";
        }
        return authentication.getName();
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        return json.writeValueAsString(value instanceof Map<?, ?> ? value : json.convertValue(value, Map.class));
    }
}
