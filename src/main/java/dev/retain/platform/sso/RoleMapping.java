package dev.retain.platform.sso;

import dev.retain.platform.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which Retain roles the values of the identity provider's group (or role) claim give, read from a setting such as
 * {@code retain-admins=ADMIN,sales=SALES}. A value may be listed more than once to give several roles; values are
 * compared exactly, as the provider writes them.
 */
public final class RoleMapping {

    private final Map<String, Set<Role>> roles;

    private RoleMapping(Map<String, Set<Role>> roles) {
        this.roles = roles;
    }

    /** Reads {@code value=ROLE} pairs separated by commas; refuses the whole setting at the first pair it can't read. */
    public static RoleMapping parse(String setting) {
        var roles = new LinkedHashMap<String, Set<Role>>();
        for (String pair : setting == null ? new String[0] : setting.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.lastIndexOf('=');
            String value = equals < 0 ? "" : pair.substring(0, equals).strip();
            String roleName = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (value.isEmpty() || roleName.isEmpty()) {
                throw new IllegalArgumentException(
                        "RETAIN_OIDC_ROLE_MAPPING: '" + pair.strip() + "' is not of the form claim-value=ROLE");
            }
            roles.computeIfAbsent(value, key -> EnumSet.noneOf(Role.class)).add(role(roleName));
        }
        return new RoleMapping(roles);
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RETAIN_OIDC_ROLE_MAPPING: '" + name + "' is not a role (one of "
                    + EnumSet.allOf(Role.class) + ")");
        }
    }

    /** The roles the claim's values give; empty when none of them is mapped. */
    public Set<Role> rolesFor(Collection<String> claimValues) {
        var given = EnumSet.noneOf(Role.class);
        claimValues.forEach(value -> given.addAll(roles.getOrDefault(value, Set.of())));
        return given;
    }

    public boolean isEmpty() {
        return roles.isEmpty();
    }
}
