package dev.retain.platform.twofactor;

import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roles whose users must sign in with two factors, as admins set them. A user of such a role without two-factor
 * sign-in can open nothing but its enrolment after the password step (see {@code SessionCheck}).
 */
@Service
public class TwoFactorPolicy {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    TwoFactorPolicy(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public Set<Role> requiredRoles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("select role from two_factor_required_roles")
                .query(String.class)
                .list()
                .forEach(role -> roles.add(Role.valueOf(role)));
        return roles;
    }

    /** Requires two-factor sign-in of exactly these roles (none: of nobody). */
    @Transactional
    public Set<Role> require(Set<Role> roles) {
        Set<Role> chosen = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        chosen.stream().filter(role -> !role.isStaff()).findAny().ifPresent(role -> {
            throw new InvalidInputException(
                    "roles", role + " is held by API keys only, which sign in with no password");
        });
        Set<Role> before = requiredRoles();
        if (before.equals(chosen)) {
            return before;
        }
        jdbc.sql("delete from two_factor_required_roles").update();
        for (Role role : chosen) {
            jdbc.sql("insert into two_factor_required_roles (role, updated_at) values (?, ?)")
                    .params(role.name(), Timestamp.from(clock.instant()))
                    .update();
        }
        audit.record(
                "change",
                "two_factor_policy",
                "required-roles",
                Map.of("roles", names(before)),
                Map.of("roles", names(chosen)));
        return chosen;
    }

    private static List<String> names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toList();
    }
}
