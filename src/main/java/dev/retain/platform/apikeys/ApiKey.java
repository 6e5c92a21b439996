package dev.retain.platform.apikeys;

import dev.retain.platform.Role;
import java.time.Instant;
import java.util.Set;

/**
 * An API key as admins see it: never the token itself, only its first characters. A key bound to a user
 * ({@code userId}) acts within that user's data scope; one without is a system integration that sees every customer.
 * {@code expiresAt}: refused from then on (null: never). After a rotation ({@code rotatedAt}) the token before it
 * still works until {@code previousTokenUntil}.
 */
public record ApiKey(
        long id,
        String name,
        String prefix,
        Set<Role> roles,
        Long userId,
        String createdBy,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt,
        Instant expiresAt,
        Instant rotatedAt,
        Instant previousTokenUntil) {

    public boolean active() {
        return revokedAt == null;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
