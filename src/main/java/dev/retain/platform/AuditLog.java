package dev.retain.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes who changed what, when, with the state before and after. Called inside the changing transaction, so a
 * change and its audit entry commit or roll back together. The database links each entry into one hash chain and
 * refuses to change or delete entries (V33); the entry is written just before the commit, because linking it locks
 * the chain's head until the transaction ends, and a lock taken last is held briefly and waits on no other.
 */
@Component
public class AuditLog {

    public static final String TABLE = "audit_log";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final MonthlyPartitions partitions;
    private final TransactionTemplate ownTransaction;

    AuditLog(
            JdbcClient jdbc,
            ObjectMapper json,
            Clock clock,
            MonthlyPartitions partitions,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.partitions = partitions;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records a change; {@code before} is null for creations, {@code after} null for deletions. */
    public void record(String action, String entityType, Object entityId, Object before, Object after) {
        recordAs(currentActor(), action, entityType, entityId, before, after);
    }

    /** Records an action of someone not signed in (yet), such as a sign-in attempt. */
    public void recordAs(String actor, String action, String entityType, Object entityId, Object before, Object after) {
        Instant now = clock.instant();
        partitions.ensure(TABLE, now, now);
        Object[] values = {
            Timestamp.from(now),
            actor,
            action,
            entityType,
            entityId == null ? null : entityId.toString(),
            toJson(before),
            toJson(after)
        };
        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            // a read (an export) cannot write in its own transaction: the entry gets one of its own
            ownTransaction.executeWithoutResult(status -> insert(values));
        } else if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    insert(values);
                }
            });
        } else {
            insert(values);
        }
    }

    /**
     * Records that someone took data out of Retain: what ({@code entityType}, {@code entityId}) and how ({@code
     * details}: format, filters); never the data itself.
     */
    public void recordExport(String entityType, Object entityId, Map<String, ?> details) {
        record("export", entityType, entityId, null, details);
    }

    private void insert(Object[] values) {
        jdbc.sql("""
                        insert into audit_log (at, actor, action, entity_type, entity_id, before, after)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""").params(values).update();
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
