package dev.retain.platform;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The company's teams in a tree, their members and managers; every change is audited. */
@Service
public class Teams {

    private static final String SELECT = """
            select t.id, t.name, t.parent_id,
                   array(select user_id from team_members m where m.team_id = t.id order by user_id) as members,
                   array(select user_id from team_managers g where g.team_id = t.id order by user_id) as managers
            from teams t""";

    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final AuditLog audit;
    private final Clock clock;

    Teams(JdbcClient jdbc, UserAccounts users, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** All teams, parents before their children, siblings by name. */
    public List<Team> list() {
        return jdbc.sql("""
                        with recursive tree as (
                            select id, array[name] as path from teams where parent_id is null
                            union all
                            select t.id, tree.path || t.name from teams t join tree on t.parent_id = tree.id)
                        select s.* from (""" + SELECT + """
                        ) s join tree using (id) order by tree.path""").query(Teams::map).list();
    }

    public Team find(long id) {
        return jdbc.sql(SELECT + " where t.id = ?")
                .param(id)
                .query(Teams::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("Team", id));
    }

    /** The team the user is in, if any. */
    public Optional<Team> of(long userId) {
        return jdbc.sql(SELECT + " where t.id = (select team_id from team_members where user_id = ?)")
                .param(userId)
                .query(Teams::map)
                .optional();
    }

    /** The team and every team below it. */
    public Set<Long> withSubTeams(long teamId) {
        return new TreeSet<>(jdbc.sql("""
                        with recursive below as (
                            select id from teams where id = ?
                            union all
                            select t.id from teams t join below on t.parent_id = below.id)
                        select id from below""").param(teamId).query(Long.class).list());
    }

    /** The teams the user manages, with their sub-teams. */
    public Set<Long> managedBy(long userId) {
        return new TreeSet<>(jdbc.sql("""
                        with recursive below as (
                            select team_id as id from team_managers where user_id = ?
                            union
                            select t.id from teams t join below on t.parent_id = below.id)
                        select id from below""").param(userId).query(Long.class).list());
    }

    /**
     * @throws InvalidInputException a blank or too long name
     * @throws NotFoundException an unknown parent
     * @throws ConflictException the name is taken
     */
    @Transactional
    public Team create(String name, Long parentId) {
        String clean = requireName(name);
        if (parentId != null) {
            find(parentId);
        }
        long id;
        try {
            id = jdbc.sql("insert into teams (name, parent_id, created_at) values (?, ?, ?) returning id")
                    .params(clean, parentId, Timestamp.from(clock.instant()))
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A team named " + clean + " exists already");
        }
        Team team = find(id);
        audit.record("create", "team", id, null, team);
        return team;
    }

    /**
     * Renames the team and moves it under another parent (null: to the top).
     *
     * @throws InvalidInputException a blank name, or a parent that is the team itself or one of its sub-teams
     * @throws ConflictException the name is taken
     */
    @Transactional
    public Team update(long id, String name, Long parentId) {
        Team before = lock(id);
        String clean = requireName(name);
        if (parentId != null) {
            find(parentId);
            if (withSubTeams(id).contains(parentId)) {
                throw new InvalidInputException("parentId", "a team cannot be placed under itself or its sub-teams");
            }
        }
        try {
            jdbc.sql("update teams set name = ?, parent_id = ? where id = ?")
                    .params(clean, parentId, id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A team named " + clean + " exists already");
        }
        Team after = find(id);
        audit.record("update", "team", id, before, after);
        return after;
    }

    /**
     * @throws ConflictException the team still has sub-teams or members
     */
    @Transactional
    public void delete(long id) {
        Team team = lock(id);
        long children = jdbc.sql("select count(*) from teams where parent_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        if (children > 0 || !team.memberIds().isEmpty()) {
            throw new ConflictException("Team " + team.name() + " still has sub-teams or members: move them first");
        }
        jdbc.sql("delete from teams where id = ?").param(id).update();
        audit.record("delete", "team", id, team, null);
    }

    /**
     * Puts the user in the team (out of any other), or in none with {@code teamId} null.
     *
     * @throws NotFoundException an unknown user or team
     */
    @Transactional
    public void placeUser(long userId, Long teamId) {
        users.find(userId);
        Optional<Team> before = of(userId);
        jdbc.sql("delete from team_members where user_id = ?").param(userId).update();
        if (teamId != null) {
            lock(teamId);
            jdbc.sql("insert into team_members (user_id, team_id) values (?, ?)")
                    .params(userId, teamId)
                    .update();
        }
        audit.record(
                "team",
                "user",
                userId,
                Map.of("teamId", before.map(team -> (Object) team.id()).orElse("none")),
                Map.of("teamId", teamId == null ? "none" : teamId));
    }

    /**
     * Makes exactly these users the team's managers.
     *
     * @throws NotFoundException an unknown user or team
     */
    @Transactional
    public Team setManagers(long teamId, Collection<Long> userIds) {
        Team before = lock(teamId);
        userIds.forEach(users::find);
        jdbc.sql("delete from team_managers where team_id = ?").param(teamId).update();
        jdbc.sql("insert into team_managers (team_id, user_id) select ?, unnest(?::bigint[])")
                .params(teamId, userIds.stream().distinct().toArray(Long[]::new))
                .update();
        Team after = find(teamId);
        audit.record("managers", "team", teamId, before, after);
        return after;
    }

    private Team lock(long id) {
        jdbc.sql("select id from teams where id = ? for update")
                .param(id)
                .query(Long.class)
                .optional();
        return find(id);
    }

    private static String requireName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        if (clean.length() > 100) {
            throw new InvalidInputException("name", "at most 100 characters");
        }
        return clean;
    }

    private static Team map(ResultSet rs, int row) throws SQLException {
        return new Team(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getObject("parent_id", Long.class),
                ids(rs.getArray("members")),
                ids(rs.getArray("managers")));
    }

    private static List<Long> ids(Array array) throws SQLException {
        return Arrays.asList((Long[]) array.getArray());
    }
}
