package dev.retain.sales;

import dev.retain.customers.CustomFieldDefinition;
import dev.retain.customers.CustomFieldType;
import dev.retain.customers.CustomFields;
import dev.retain.customers.Placements;
import dev.retain.platform.AuditLog;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.Role;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.sales.Pool.LevelDays;
import dev.retain.sales.Pool.Member;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The pools (公海), their rules, levels and members; every change is audited. */
@Service
public class Pools {

    /** What an admin sets for a pool; see {@link Pool} for what each rule means. */
    public record PoolSettings(
            String name,
            Integer followUpDays,
            Integer orderDays,
            Integer wonDays,
            Boolean keepWithOpenOpportunity,
            Long calendarId,
            String levelField,
            String contractField,
            Integer remindDays,
            Integer dailyClaimQuota,
            Integer maxOwned,
            Integer reclaimCooldownDays,
            Integer claimDelayHours,
            Set<PoolHiddenField> hiddenFields,
            Map<String, LevelDays> levels,
            List<Member> members) {

        /** Left out, an open opportunity keeps a customer, the reminder comes 3 days before, claims wait for nothing. */
        public PoolSettings {
            keepWithOpenOpportunity = keepWithOpenOpportunity == null || keepWithOpenOpportunity;
            remindDays = remindDays == null ? 3 : remindDays;
            reclaimCooldownDays = reclaimCooldownDays == null ? 0 : reclaimCooldownDays;
            claimDelayHours = claimDelayHours == null ? 0 : claimDelayHours;
        }
    }

    private static final String COLUMNS = """
            id, name, is_default, follow_up_days, order_days, won_days, keep_with_open_opportunity, calendar_id, level_field, contract_field, remind_days,
            daily_claim_quota, max_owned, reclaim_cooldown_days, claim_delay_hours, hidden_fields""";

    private final JdbcClient jdbc;
    private final BusinessCalendars calendars;
    private final CustomFields customFields;
    private final AuditLog audit;
    private final Placements placements;
    private final UserAccounts users;
    private final Teams teams;
    private final PoolMembershipsOfUsers memberships;
    private final Clock clock;

    Pools(
            JdbcClient jdbc,
            BusinessCalendars calendars,
            CustomFields customFields,
            AuditLog audit,
            Placements placements,
            UserAccounts users,
            Teams teams,
            PoolMembershipsOfUsers memberships,
            Clock clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.customFields = customFields;
        this.audit = audit;
        this.placements = placements;
        this.users = users;
        this.teams = teams;
        this.memberships = memberships;
        this.clock = clock;
    }

    public List<Pool> list() {
        List<Long> ids = jdbc.sql("select id from customer_pools order by is_default desc, name")
                .query(Long.class)
                .list();
        return ids.stream().map(this::find).toList();
    }

    /** The pools the person may see into: all for admins, else those they are a member of. */
    public List<Pool> visibleTo(UserAccount user) {
        if (user.roles().contains(Role.ADMIN)) {
            return list();
        }
        Set<Long> theirs = memberships.poolsOf(user.id());
        return list().stream().filter(pool -> theirs.contains(pool.id())).toList();
    }

    /** A pool the person may see into. @throws NotFoundException an unknown pool or one not theirs */
    public Pool findFor(UserAccount user, long id) {
        if (!user.roles().contains(Role.ADMIN)
                && !memberships.poolsOf(user.id()).contains(id)) {
            throw new NotFoundException("Pool", id);
        }
        return find(id);
    }

    /** Whether the person gives the pool's waiting customers to others: managers, admins and the pool's admins. */
    public boolean mayAssign(UserAccount user, long poolId) {
        return user.roles().contains(Role.ADMIN)
                || user.roles().contains(Role.MANAGER)
                || memberships.administers(user.id(), poolId);
    }

    /** The pool's own settings, without its levels and members: what a claim checks, in one read. */
    Pool rulesOf(long id) {
        return jdbc.sql("select " + COLUMNS + " from customer_pools where id = ?")
                .param(id)
                .query(Pools::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("Pool", id));
    }

    /** @throws NotFoundException an unknown pool */
    public Pool find(long id) {
        Pool bare = rulesOf(id);
        Map<String, LevelDays> levels = new TreeMap<>();
        jdbc.sql("select level, follow_up_days, order_days from customer_pool_levels where pool_id = ?")
                .param(id)
                .query(rs -> {
                    levels.put(
                            rs.getString(1),
                            new LevelDays(rs.getObject(2, Integer.class), rs.getObject(3, Integer.class)));
                });
        List<Member> members = jdbc.sql("""
                        select user_id, team_id, is_admin from customer_pool_members where pool_id = ?
                        order by team_id nulls last, user_id""")
                .param(id)
                .query((rs, row) ->
                        new Member(rs.getObject(1, Long.class), rs.getObject(2, Long.class), rs.getBoolean(3)))
                .list();
        return new Pool(
                bare.id(),
                bare.name(),
                bare.isDefault(),
                bare.followUpDays(),
                bare.orderDays(),
                bare.wonDays(),
                bare.keepWithOpenOpportunity(),
                bare.calendarId(),
                bare.levelField(),
                bare.contractField(),
                bare.remindDays(),
                bare.dailyClaimQuota(),
                bare.maxOwned(),
                bare.reclaimCooldownDays(),
                bare.claimDelayHours(),
                bare.hiddenFields(),
                levels,
                members);
    }

    /**
     * @throws InvalidInputException a rule out of range, an unknown calendar, custom field, user or team
     * @throws ConflictException the name is taken
     */
    @Transactional
    public Pool create(PoolSettings settings) {
        check(settings);
        try {
            long id = jdbc.sql("insert into customer_pools (name, rules_since) values (?, ?) returning id")
                    .params(settings.name().strip(), Timestamp.from(clock.instant()))
                    .query(Long.class)
                    .single();
            store(id, settings);
            Pool created = find(id);
            audit.record("create", "pool", id, null, created);
            return created;
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A pool named " + settings.name().strip() + " exists already");
        }
    }

    /** @throws NotFoundException an unknown pool; otherwise as {@link #create} */
    @Transactional
    public Pool update(long id, PoolSettings settings) {
        Pool before = find(id);
        check(settings);
        try {
            jdbc.sql("update customer_pools set name = ? where id = ?")
                    .params(settings.name().strip(), id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A pool named " + settings.name().strip() + " exists already");
        }
        store(id, settings);
        Pool after = find(id);
        audit.record("update", "pool", id, before, after);
        return after;
    }

    /** @throws ConflictException the default pool, or a pool customers are in */
    @Transactional
    public void delete(long id) {
        Pool pool = find(id);
        if (pool.isDefault()) {
            throw new ConflictException("The default pool stays: new customers wait in it");
        }
        long customers = placements.countInPool(id);
        if (customers > 0) {
            throw new ConflictException(customers + " customers belong to pool " + pool.name() + "; move them first");
        }
        jdbc.sql("delete from customer_pools where id = ?").param(id).update();
        memberships.forget();
        audit.record("delete", "pool", id, pool, null);
    }

    private void store(long id, PoolSettings s) {
        jdbc.sql("""
                        update customer_pools set follow_up_days = ?, order_days = ?, won_days = ?,
                            keep_with_open_opportunity = ?, calendar_id = ?, level_field = ?,
                            contract_field = ?, remind_days = ?, daily_claim_quota = ?, max_owned = ?,
                            reclaim_cooldown_days = ?, claim_delay_hours = ?, hidden_fields = ?::text[],
                            rules_since = case when (follow_up_days, order_days, won_days, calendar_id, level_field)
                                                    is distinct from (?, ?, ?, ?, ?) or ? then ? else rules_since end,
                            updated_at = now()
                        where id = ?""")
                .params(
                        s.followUpDays(),
                        s.orderDays(),
                        s.wonDays(),
                        s.keepWithOpenOpportunity(),
                        s.calendarId(),
                        blankToNull(s.levelField()),
                        blankToNull(s.contractField()),
                        s.remindDays(),
                        s.dailyClaimQuota(),
                        s.maxOwned(),
                        s.reclaimCooldownDays(),
                        s.claimDelayHours(),
                        hidden(s).stream().map(Enum::name).sorted().toArray(String[]::new),
                        s.followUpDays(),
                        s.orderDays(),
                        s.wonDays(),
                        s.calendarId(),
                        blankToNull(s.levelField()),
                        !levels(s).equals(find(id).levels()),
                        Timestamp.from(clock.instant()),
                        id)
                .update();
        memberships.forget();
        jdbc.sql("delete from customer_pool_levels where pool_id = ?").param(id).update();
        levels(s)
                .forEach((level, days) -> jdbc.sql("""
                        insert into customer_pool_levels (pool_id, level, follow_up_days, order_days)
                        values (?, ?, ?, ?)""")
                        .params(id, level.strip(), days.followUpDays(), days.orderDays())
                        .update());
        jdbc.sql("delete from customer_pool_members where pool_id = ?")
                .param(id)
                .update();
        members(s)
                .forEach(member -> jdbc.sql("""
                        insert into customer_pool_members (pool_id, user_id, team_id, is_admin) values (?, ?, ?, ?)
                        on conflict do nothing""")
                        .params(id, member.userId(), member.teamId(), member.admin())
                        .update());
    }

    private void check(PoolSettings s) {
        var errors = new LinkedHashMap<String, String>();
        if (s.name() == null || s.name().isBlank() || s.name().strip().length() > 100) {
            errors.put("name", "must be given, at most 100 characters");
        }
        positiveOrNull(errors, "followUpDays", s.followUpDays());
        positiveOrNull(errors, "orderDays", s.orderDays());
        positiveOrNull(errors, "wonDays", s.wonDays());
        positiveOrNull(errors, "dailyClaimQuota", s.dailyClaimQuota());
        positiveOrNull(errors, "maxOwned", s.maxOwned());
        between(errors, "remindDays", s.remindDays(), 365);
        between(errors, "reclaimCooldownDays", s.reclaimCooldownDays(), 3650);
        between(errors, "claimDelayHours", s.claimDelayHours(), 24 * 365);
        if (s.calendarId() != null) {
            try {
                calendars.find(s.calendarId());
            } catch (NotFoundException e) {
                errors.put("calendarId", "no business calendar " + s.calendarId());
            }
        }
        Map<String, CustomFieldDefinition> fields = new HashMap<>();
        customFields.definitions().forEach(field -> fields.put(field.key(), field));
        String level = blankToNull(s.levelField());
        if (level != null && !fields.containsKey(level)) {
            errors.put("levelField", "no custom field " + level);
        }
        String contract = blankToNull(s.contractField());
        if (contract != null
                && (!fields.containsKey(contract) || fields.get(contract).type() != CustomFieldType.DATE)) {
            errors.put("contractField", "no date custom field " + contract);
        }
        if (!levels(s).isEmpty() && level == null) {
            errors.put("levels", "days per level need a level field");
        }
        levels(s).forEach((name, days) -> {
            if (name == null || name.isBlank()) {
                errors.put("levels", "a level needs a name");
            }
            positiveOrNull(errors, "levels." + name + ".followUpDays", days.followUpDays());
            positiveOrNull(errors, "levels." + name + ".orderDays", days.orderDays());
        });
        for (Member member : members(s)) {
            if ((member.userId() == null) == (member.teamId() == null)) {
                errors.put("members", "each member is a user or a team");
            } else {
                try {
                    if (member.userId() != null) {
                        users.find(member.userId());
                    } else {
                        teams.find(member.teamId());
                    }
                } catch (NotFoundException e) {
                    errors.put("members", e.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void positiveOrNull(Map<String, String> errors, String field, Integer value) {
        if (value != null && value <= 0) {
            errors.put(field, "must be above 0, or empty for none, not " + value);
        }
    }

    private static void between(Map<String, String> errors, String field, int value, int max) {
        if (value < 0 || value > max) {
            errors.put(field, "must be between 0 and " + max + ", not " + value);
        }
    }

    private static Set<PoolHiddenField> hidden(PoolSettings s) {
        return s.hiddenFields() == null || s.hiddenFields().isEmpty()
                ? EnumSet.noneOf(PoolHiddenField.class)
                : EnumSet.copyOf(s.hiddenFields());
    }

    private static Map<String, LevelDays> levels(PoolSettings s) {
        return s.levels() == null ? Map.of() : s.levels();
    }

    private static List<Member> members(PoolSettings s) {
        return s.members() == null ? List.of() : s.members();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Pool map(ResultSet rs, int row) throws SQLException {
        Set<PoolHiddenField> hidden = EnumSet.noneOf(PoolHiddenField.class);
        Array array = rs.getArray("hidden_fields");
        Arrays.stream((String[]) array.getArray()).map(PoolHiddenField::valueOf).forEach(hidden::add);
        return new Pool(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getBoolean("is_default"),
                rs.getObject("follow_up_days", Integer.class),
                rs.getObject("order_days", Integer.class),
                rs.getObject("won_days", Integer.class),
                rs.getBoolean("keep_with_open_opportunity"),
                rs.getObject("calendar_id", Long.class),
                rs.getString("level_field"),
                rs.getString("contract_field"),
                rs.getInt("remind_days"),
                rs.getObject("daily_claim_quota", Integer.class),
                rs.getObject("max_owned", Integer.class),
                rs.getInt("reclaim_cooldown_days"),
                rs.getInt("claim_delay_hours"),
                hidden,
                Map.of(),
                new ArrayList<>());
    }
}
