package dev.retain.platform.audit;

import java.time.Instant;

/** An audit entry as the chain sees it: its place, the hashes, and every field the hash covers. */
record AuditChainEntry(
        long seq,
        long id,
        Instant at,
        String actor,
        String action,
        String entityType,
        String entityId,
        String before,
        String after,
        byte[] prevHash,
        byte[] hash) {}
