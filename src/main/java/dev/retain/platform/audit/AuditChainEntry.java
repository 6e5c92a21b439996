package dev.retain.platform.audit;

import java.time.Instant;

/**
 * An audit entry as the chain sees it: its place, the hashes, and every field the hash covers. Version 2 entries are
 * hashed over their snapshots' digests, so a redacted one (snapshots removed on erasure) still verifies.
 */
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
        byte[] hash,
        int version,
        byte[] beforeDigest,
        byte[] afterDigest,
        boolean redacted) {}
