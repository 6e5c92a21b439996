package dev.retain.platform.apikeys;

import dev.retain.platform.Role;
import java.time.Instant;
import java.util.Set;

/** An API key as admins see it: never the token itself, only its first characters. */
public record ApiKey(
        long id,
        String name,
        String prefix,
        Set<Role> roles,
        String createdBy,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
