package dev.retain.platform;

import java.time.Instant;
import java.util.Set;

/**
 * A person who signs in to Retain. The password hash never leaves the platform module; {@code mustChangePassword} is
 * set by an admin's reset and cleared when the user chooses a new password; {@code twoFactor}: they sign in with a code
 * of an authenticator app after their password (the secret never leaves the platform module either).
 */
public record UserAccount(
        long id,
        String username,
        String displayName,
        String email,
        Set<Role> roles,
        boolean enabled,
        Instant createdAt,
        boolean mustChangePassword,
        boolean twoFactor) {}
