package dev.retain.service.sla;

import dev.retain.platform.AuditLog;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.segments.Condition;
import dev.retain.segments.Conditions;
import dev.retain.service.TicketCategories;
import dev.retain.service.TicketChannel;
import dev.retain.service.TicketPriority;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The SLA policies, in order: the first active one matching a new ticket is its policy. Each is checked whole before
 * anything is written (an invalid customer condition, a target that is not a positive number of minutes, an unknown
 * calendar or category are all refused, naming the field); changes are audited.
 */
@Service
public class SlaPolicies {

    /** A year of business minutes at 8 hours a day is far beyond any service target. */
    static final int MOST_MINUTES = 250 * 8 * 60;

    private static final String COLUMNS = """
            id, position, name, priorities, category_ids, channels, customer_condition::text, calendar_id,
            first_response_minutes, next_response_minutes, resolution_minutes, pause_when_pending,
            pause_when_on_hold, warn_percent, active""";

    private final JdbcClient jdbc;
    private final Conditions conditions;
    private final BusinessCalendars calendars;
    private final TicketCategories categories;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    SlaPolicies(
            JdbcClient jdbc,
            Conditions conditions,
            BusinessCalendars calendars,
            TicketCategories categories,
            AuditLog audit,
            ObjectMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.conditions = conditions;
        this.calendars = calendars;
        this.categories = categories;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    public List<SlaPolicy> list() {
        return jdbc.sql("select " + COLUMNS + " from sla_policies order by position, id")
                .query(this::policy)
                .list();
    }

    public SlaPolicy find(long id) {
        return jdbc.sql("select " + COLUMNS + " from sla_policies where id = ?")
                .param(id)
                .query(this::policy)
                .optional()
                .orElseThrow(() -> new NotFoundException("SLA policy", id));
    }

    /** The first active policy, in order, that covers a ticket with these fields of this customer. */
    public Optional<SlaPolicy> matching(
            TicketPriority priority, Long categoryId, TicketChannel channel, long customerId) {
        for (SlaPolicy policy : list()) {
            if (policy.active()
                    && (policy.priorities().isEmpty() || policy.priorities().contains(priority))
                    && (policy.categoryIds().isEmpty() || policy.categoryIds().contains(categoryId))
                    && (policy.channels().isEmpty() || policy.channels().contains(channel))
                    && customerMatches(policy, customerId)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    @Transactional
    public SlaPolicy create(SlaPolicyDraft draft) {
        Checked checked = check(draft, null);
        int position = checked.position != null
                ? checked.position
                : jdbc.sql("select coalesce(max(position), 0) + 10 from sla_policies")
                        .query(Integer.class)
                        .single();
        long id = jdbc.sql("insert into sla_policies (position, name, priorities, category_ids, channels,"
                        + " customer_condition, calendar_id, first_response_minutes, next_response_minutes,"
                        + " resolution_minutes, pause_when_pending, pause_when_on_hold, warn_percent, active,"
                        + " created_at, updated_at) values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?) returning id")
                .params(withTimes(checked.values(position)))
                .query(Long.class)
                .single();
        SlaPolicy created = find(id);
        audit.record("create", "sla_policy", id, null, created);
        return created;
    }

    @Transactional
    public SlaPolicy update(long id, SlaPolicyDraft draft) {
        SlaPolicy before = find(id);
        Checked checked = check(draft, id);
        int position = checked.position != null ? checked.position : before.position();
        List<Object> values = checked.values(position);
        values.add(Timestamp.from(clock.instant()));
        values.add(id);
        jdbc.sql("update sla_policies set position = ?, name = ?, priorities = ?, category_ids = ?, channels = ?,"
                        + " customer_condition = cast(? as jsonb), calendar_id = ?, first_response_minutes = ?,"
                        + " next_response_minutes = ?, resolution_minutes = ?, pause_when_pending = ?,"
                        + " pause_when_on_hold = ?, warn_percent = ?, active = ?, updated_at = ? where id = ?")
                .params(values)
                .update();
        SlaPolicy after = find(id);
        audit.record("update", "sla_policy", id, before, after);
        return after;
    }

    /** Removes a policy; tickets it already covers keep their timers. */
    @Transactional
    public void delete(long id) {
        SlaPolicy before = find(id);
        jdbc.sql("delete from sla_policies where id = ?").param(id).update();
        audit.record("delete", "sla_policy", id, before, null);
    }

    private boolean customerMatches(SlaPolicy policy, long customerId) {
        if (policy.customerCondition() == null || policy.customerCondition().isNull()) {
            return true;
        }
        Condition condition = conditions.parse(policy.customerCondition());
        return !conditions.matchingAmong(condition, List.of(customerId)).isEmpty();
    }

    private List<Object> withTimes(List<Object> values) {
        Timestamp now = Timestamp.from(clock.instant());
        values.add(now);
        values.add(now);
        return values;
    }

    private record Checked(
            Integer position,
            String name,
            String[] priorities,
            Long[] categoryIds,
            String[] channels,
            String condition,
            Long calendarId,
            Integer first,
            Integer next,
            Integer resolution,
            boolean pausePending,
            boolean pauseOnHold,
            int warnPercent,
            boolean active) {

        List<Object> values(int at) {
            return new ArrayList<>(Arrays.asList(
                    at,
                    name,
                    priorities,
                    categoryIds,
                    channels,
                    condition,
                    calendarId,
                    first,
                    next,
                    resolution,
                    pausePending,
                    pauseOnHold,
                    warnPercent,
                    active));
        }
    }

    private Checked check(SlaPolicyDraft draft, Long id) {
        if (draft == null) {
            throw new InvalidInputException(
                    "policy",
                    "required: name, and at least one of firstResponseMinutes, nextResponseMinutes,"
                            + " resolutionMinutes");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            problems.put("name", "required");
        } else if (name.length() > 100) {
            problems.put("name", "at most 100 characters");
        } else if (jdbc.sql("select exists (select 1 from sla_policies where name = ? and id is distinct from ?)")
                .params(name, id)
                .query(Boolean.class)
                .single()) {
            problems.put("name", "there is a policy named \"" + name + "\" already");
        }
        if (draft.position() != null && (draft.position() < 0 || draft.position() > 1_000_000)) {
            problems.put("position", "a whole number from 0 to 1000000");
        }
        List<String> priorities = enumNames(draft.priorities(), TicketPriority.class, "priorities", problems);
        List<String> channels = enumNames(draft.channels(), TicketChannel.class, "channels", problems);
        List<Long> categoryIds = draft.categoryIds() == null ? List.of() : draft.categoryIds();
        for (int i = 0; i < categoryIds.size(); i++) {
            Long categoryId = categoryIds.get(i);
            if (categoryId == null || categories.find(categoryId).isEmpty()) {
                problems.put("categoryIds[" + i + "]", "no category with id " + categoryId);
            }
        }
        JsonNode condition = draft.customerCondition();
        boolean noCondition = condition == null || condition.isNull() || condition.isMissingNode();
        if (!noCondition) {
            try {
                conditions.parseToSave(condition);
            } catch (InvalidInputException e) {
                e.fieldErrors().forEach((field, problem) -> problems.put("customerCondition." + field, problem));
            }
        }
        if (draft.calendarId() != null) {
            try {
                calendars.find(draft.calendarId());
            } catch (NotFoundException e) {
                problems.put("calendarId", "no business calendar with id " + draft.calendarId());
            }
        }
        minutes(draft.firstResponseMinutes(), "firstResponseMinutes", problems);
        minutes(draft.nextResponseMinutes(), "nextResponseMinutes", problems);
        minutes(draft.resolutionMinutes(), "resolutionMinutes", problems);
        if (draft.firstResponseMinutes() == null
                && draft.nextResponseMinutes() == null
                && draft.resolutionMinutes() == null) {
            problems.put(
                    "resolutionMinutes",
                    "a policy needs at least one target: firstResponseMinutes, nextResponseMinutes or"
                            + " resolutionMinutes");
        }
        int warn = draft.warnPercent() == null ? 80 : draft.warnPercent();
        if (warn < 1 || warn > 99) {
            problems.put("warnPercent", "the share of a target used before the warning, from 1 to 99 (percent)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(
                draft.position(),
                name,
                priorities.toArray(String[]::new),
                categoryIds.toArray(Long[]::new),
                channels.toArray(String[]::new),
                noCondition ? null : json.writeValueAsString(condition),
                draft.calendarId(),
                draft.firstResponseMinutes(),
                draft.nextResponseMinutes(),
                draft.resolutionMinutes(),
                draft.pauseWhenPending() == null || draft.pauseWhenPending(),
                draft.pauseWhenOnHold() == null || draft.pauseWhenOnHold(),
                warn,
                draft.active() == null || draft.active());
    }

    private static void minutes(Integer minutes, String field, Map<String, String> problems) {
        if (minutes != null && (minutes <= 0 || minutes > MOST_MINUTES)) {
            problems.put(field, "business minutes from 1 to " + MOST_MINUTES + ", not " + minutes);
        }
    }

    private static <E extends Enum<E>> List<String> enumNames(
            List<String> values, Class<E> type, String field, Map<String, String> problems) {
        List<String> names = new ArrayList<>();
        if (values == null) {
            return names;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i).strip().toUpperCase();
            try {
                names.add(Enum.valueOf(type, value).name());
            } catch (IllegalArgumentException e) {
                problems.put(
                        field + "[" + i + "]",
                        "\"" + values.get(i) + "\" is not one of " + Arrays.toString(type.getEnumConstants()));
            }
        }
        return names;
    }

    private SlaPolicy policy(ResultSet rs, int row) throws SQLException {
        String condition = rs.getString(7);
        return new SlaPolicy(
                rs.getLong(1),
                rs.getInt(2),
                rs.getString(3),
                Arrays.stream(strings(rs.getArray(4)))
                        .map(TicketPriority::valueOf)
                        .toList(),
                Arrays.stream((Long[]) rs.getArray(5).getArray()).toList(),
                Arrays.stream(strings(rs.getArray(6)))
                        .map(TicketChannel::valueOf)
                        .toList(),
                condition == null ? null : json.readTree(condition),
                (Long) rs.getObject(8),
                (Integer) rs.getObject(9),
                (Integer) rs.getObject(10),
                (Integer) rs.getObject(11),
                rs.getBoolean(12),
                rs.getBoolean(13),
                rs.getInt(14),
                rs.getBoolean(15));
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }
}
