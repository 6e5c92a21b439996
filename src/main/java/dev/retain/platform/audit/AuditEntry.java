package dev.retain.platform.audit;

import java.time.Instant;

/** One recorded change: who did what to which record, with the JSON state before and after. */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        String action,
        String entityType,
        String entityId,
        String before,
        String after) {}
