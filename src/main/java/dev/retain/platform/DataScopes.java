package dev.retain.platform;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The data scope of each role, as admins set it, and the scope of a user: the widest of their roles'. A team scope
 * covers the user's own team and the teams they manage, each with its sub-teams.
 */
@Service
public class DataScopes {

    // Read on every request; a change here is seen at once, on other instances within seconds.
    private final ExpiringCache<Boolean, Map<Role, DataScope>> settings = new ExpiringCache<>(Duration.ofSeconds(5));
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ObjectProvider<PoolMemberships> pools;
    private final UserAccounts users;

    DataScopes(JdbcClient jdbc, AuditLog audit, ObjectProvider<PoolMemberships> pools, UserAccounts users) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.pools = pools;
        this.users = users;
    }

    public Map<Role, DataScope> byRole() {
        return settings.get(Boolean.TRUE, any -> load());
    }

    private Map<Role, DataScope> load() {
        Map<Role, DataScope> scopes = new EnumMap<>(Role.class);
        jdbc.sql("select role, scope from role_data_scopes")
                .query((rs, row) -> scopes.put(Role.valueOf(rs.getString(1)), DataScope.valueOf(rs.getString(2))))
                .list();
        return java.util.Collections.unmodifiableMap(scopes);
    }

    @Transactional
    public void set(Role role, DataScope scope) {
        if (!role.isStaff()) {
            throw new InvalidInputException("role", role + " is for API keys only and sees no customer");
        }
        DataScope before = byRole().get(role);
        if (before == scope) {
            return;
        }
        jdbc.sql("update role_data_scopes set scope = ?, updated_at = now() where role = ?")
                .params(scope.name(), role.name())
                .update();
        audit.record("change", "data_scope", role.name(), Map.of("scope", before), Map.of("scope", scope));
        settings.clear();
    }

    /**
     * The scope of the user with these roles: their own customers, their teams', or everyone's; and the customers
     * waiting in the pools they are members of.
     */
    public ViewerScope of(long userId, Set<Role> roles) {
        Map<Role, DataScope> scopes = byRole();
        DataScope widest = roles.stream().map(scopes::get).max(Enum::compareTo).orElse(DataScope.OWN);
        if (widest == DataScope.ALL) {
            return ViewerScope.EVERYTHING;
        }
        Set<Long> owners = widest == DataScope.OWN ? Set.of(userId) : teamMembersOf(userId);
        PoolMemberships memberships = pools.getIfAvailable();
        var scope = ViewerScope.of(owners, memberships == null ? Set.of() : memberships.poolsOf(userId));
        // Those who see only their own customers see waiting ones as their pool shows them; team leads see all.
        return widest == DataScope.OWN ? scope.maskingWaiting() : scope;
    }

    /**
     * Checks that whoever is acting may move customers from owner {@code from} to owner {@code to} (either null: the
     * pool): admins may; a manager only between people of their teams; anyone else may only take a new customer they
     * add themselves ({@code from} null, {@code to} themselves, {@code adding}). Work with no one behind it (jobs, the
     * demo, the command line) may.
     *
     * @throws AccessDeniedException whoever acts may not
     */
    public void checkOwnerChange(Long from, Long to, boolean adding) {
        Authentication actor = SecurityContextHolder.getContext().getAuthentication();
        if (actor == null || !actor.isAuthenticated() || Objects.equals(from, to) || has(actor, Role.ADMIN)) {
            return;
        }
        Long actingUser = users.current().map(UserAccount::id).orElse(null);
        if (adding && from == null && to != null && to.equals(actingUser)) {
            return;
        }
        if (has(actor, Role.MANAGER) && actingUser != null) {
            Set<Long> team = teamMembersOf(actingUser);
            if ((from == null || team.contains(from)) && (to == null || team.contains(to))) {
                return;
            }
            throw new AccessDeniedException("A manager changes owners only between people of their own teams");
        }
        throw new AccessDeniedException("Only a manager of the team or an admin changes a customer's owner");
    }

    private static boolean has(Authentication actor, Role role) {
        return actor.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
    }

    /** The user and everyone in their team or a team they manage, sub-teams included. */
    private Set<Long> teamMembersOf(long userId) {
        Set<Long> members = new HashSet<>(
                jdbc.sql("""
                        with recursive teams_seen as (
                            select team_id as id from team_members where user_id = :user
                            union
                            select team_id from team_managers where user_id = :user
                            union
                            select t.id from teams t join teams_seen s on t.parent_id = s.id)
                        select m.user_id from team_members m join teams_seen s on s.id = m.team_id""").param("user", userId).query(Long.class).list());
        members.add(userId);
        return members;
    }
}
