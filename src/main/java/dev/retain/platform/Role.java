package dev.retain.platform;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** What a user or API key may do. Each role is a team in the company. */
public enum Role {
    ADMIN,
    MANAGER,
    MARKETER,
    SALES,
    SERVICE,
    ANALYST;

    public String authority() {
        return "ROLE_" + name();
    }

    /** Whether the user or API key acting now holds this role. */
    public boolean heldByCurrentActor() {
        Authentication actor = SecurityContextHolder.getContext().getAuthentication();
        return actor != null
                && actor.isAuthenticated()
                && actor.getAuthorities().stream().anyMatch(a -> authority().equals(a.getAuthority()));
    }
}
