package dev.retain.sales;

import dev.retain.platform.ExpiringCache;
import dev.retain.platform.PoolMemberships;
import dev.retain.platform.Team;
import dev.retain.platform.Teams;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pools a user may see into: those without members, those naming the user, and those naming the user's team or a
 * team above it (a team's pool is its sub-teams' too).
 */
@Component
class PoolMembershipsOfUsers implements PoolMemberships {

    private final JdbcClient jdbc;
    private final Teams teams;
    // Asked on every request of a salesperson; a change made here is seen at once, on other instances within seconds.
    private final ExpiringCache<Long, Set<String>> hidden = new ExpiringCache<>(Duration.ofSeconds(30));
    private final ExpiringCache<Long, Set<Long>> memberOf = new ExpiringCache<>(Duration.ofSeconds(10));

    PoolMembershipsOfUsers(JdbcClient jdbc, Teams teams) {
        this.jdbc = jdbc;
        this.teams = teams;
    }

    @Override
    public Set<Long> poolsOf(long userId) {
        return memberOf.get(userId, this::loadPoolsOf);
    }

    private Set<Long> loadPoolsOf(long userId) {
        return new TreeSet<>(jdbc.sql("""
                        select p.id from customer_pools p
                        where not exists (select from customer_pool_members m where m.pool_id = p.id)
                           or exists (select from customer_pool_members m where m.pool_id = p.id
                                      and (m.user_id = :user or m.team_id = any(:teams)))""")
                .param("user", userId)
                .param("teams", teamsOf(userId))
                .query(Long.class)
                .list());
    }

    @Override
    public Set<String> hiddenWhileWaiting(long poolId) {
        return hidden.get(
                poolId,
                pool -> Set.copyOf(jdbc
                        .sql("select unnest(hidden_fields) from customer_pools where id = ?")
                        .param(pool)
                        .query(String.class)
                        .list()
                        .stream()
                        .map(field -> field.toLowerCase(java.util.Locale.ROOT))
                        .toList()));
    }

    /** Forgets what pools hide and who their members are, when their settings change. */
    void forget() {
        hidden.clear();
        memberOf.clear();
    }

    /** Whether the user administers the pool (assigns and releases its customers for anyone). */
    boolean administers(long userId, long poolId) {
        return jdbc.sql("""
                        select exists (select from customer_pool_members m where m.pool_id = :pool and m.is_admin
                                       and (m.user_id = :user or m.team_id = any(:teams)))""")
                .param("user", userId)
                .param("pool", poolId)
                .param("teams", teamsOf(userId))
                .query(Boolean.class)
                .single();
    }

    /** The user's team and the teams above it. */
    private Long[] teamsOf(long userId) {
        Set<Long> mine = new HashSet<>();
        teams.of(userId).ifPresent(team -> {
            Map<Long, Team> all = teams.list().stream().collect(Collectors.toMap(Team::id, Function.identity()));
            Team at = team;
            while (at != null && mine.add(at.id())) {
                at = at.parentId() == null ? null : all.get(at.parentId());
            }
        });
        return mine.toArray(Long[]::new);
    }
}
