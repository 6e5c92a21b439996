package dev.retain.platform;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What a user or API key may do. Each staff role is a team in the company; {@link #MONITORING} is for the API keys of
 * a monitoring system, which read the metrics and nothing else.
 */
public enum Role {
    ADMIN,
    MANAGER,
    MARKETER,
    SALES,
    SERVICE,
    ANALYST,
    /** Reads {@code /actuator/prometheus} and nothing else: no page, no customer. Held by API keys only. */
    MONITORING;

    public String authority() {
        return "ROLE_" + name();
    }

    /** Whether people hold this role: it opens pages and customer data. */
    public boolean isStaff() {
        return this != MONITORING;
    }

    /** The roles people hold, in order. */
    public static Set<Role> staff() {
        return EnumSet.complementOf(EnumSet.of(MONITORING));
    }

    /** Whether the user or API key acting now holds this role. */
    public boolean heldByCurrentActor() {
        Authentication actor = SecurityContextHolder.getContext().getAuthentication();
        return actor != null
                && actor.isAuthenticated()
                && actor.getAuthorities().stream().anyMatch(a -> authority().equals(a.getAuthority()));
    }
}
