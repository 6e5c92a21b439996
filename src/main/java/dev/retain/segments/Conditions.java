package dev.retain.segments;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Reads, checks and runs conditions: what the builder's live preview and audiences use. */
@Service
public class Conditions {

    private final ConditionFields fields;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final CompanyZone zone;

    Conditions(ConditionFields fields, JdbcClient jdbc, Clock clock, CompanyZone zone) {
        this.fields = fields;
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * The checked condition; a faulty one is refused with a message per faulty part, keyed by its path, e.g.
     * {@code condition.and[1].op}.
     */
    public Condition parse(JsonNode json) {
        var parser = new ConditionParser(fields);
        Condition condition = parser.parse(json, "condition");
        if (condition == null) {
            throw new InvalidInputException(parser.problems());
        }
        return condition;
    }

    /**
     * The checked condition, as for {@link #parse}, that is also fit to be saved now: a criterion its field can no
     * longer answer (see {@link ConditionField#problemWhenSaving}) is refused with its reason.
     */
    public Condition parseToSave(JsonNode json) {
        Condition condition = parse(json);
        var problems = new java.util.LinkedHashMap<String, String>();
        for (Condition.Criterion criterion : condition.criteria()) {
            String problem = criterion.field().problemWhenSaving(criterion.op(), criterion.value());
            if (problem != null) {
                problems.put(criterion.path(), problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return condition;
    }

    /** How many customers match, and a few of them with the values that made them match. */
    public Preview preview(Condition condition, int sampleSize) {
        var query = query(null);
        String predicate = query.predicate(condition);
        long count = jdbc.sql(query.select("count(*)", predicate))
                .params(query.params())
                .query(Long.class)
                .single();
        var sampleQuery = query(null);
        String samplePredicate = sampleQuery.predicate(condition);
        String reason = reasonSql(condition, sampleQuery);
        List<Preview.Member> sample = jdbc.sql(sampleQuery.select("c.id, c.name, " + reason, samplePredicate)
                        + " order by c.id limit " + sampleSize)
                .params(sampleQuery.params())
                .query((rs, row) -> new Preview.Member(rs.getLong(1), rs.getString(2), Reasons.read(rs.getString(3))))
                .list();
        return new Preview(count, sample);
    }

    /** The count of matching customers and a sample of them. */
    public record Preview(long count, List<Member> sample) {
        public record Member(long customerId, String name, Map<String, Object> values) {}
    }

    /** Those of the customers that match now ({@code null}: of everyone). */
    public List<Long> matchingAmong(Condition condition, Collection<Long> customerIds) {
        var query = query(customerIds);
        return jdbc.sql(query.select("c.id", query.predicate(condition)))
                .params(query.params())
                .query(Long.class)
                .list();
    }

    /**
     * The statement selecting the ids (column {@code id}) of those of the customers ({@code null}: of everyone) that
     * match now, with its named parameters ({@code scope} and {@code p1}, {@code p2}, ...): for a module that works on
     * the matching customers in one set-based statement of its own, e.g. as the source of an insert.
     */
    public Selection selection(Condition condition, Collection<Long> customerIds) {
        var query = query(customerIds);
        String sql = query.select("c.id", query.predicate(condition));
        return new Selection(sql, new LinkedHashMap<>(query.params()));
    }

    /** A statement selecting customer ids, and the values of its named parameters. */
    public record Selection(String sql, Map<String, Object> params) {}

    /** Everyone who matches now. */
    public List<Long> matching(Condition condition) {
        return matchingAmong(condition, null);
    }

    ConditionQuery query(Collection<Long> scope) {
        return new ConditionQuery(clock.instant(), zone.zone(), scope);
    }

    /** A {@code jsonb} expression of every criterion's value, keyed by its label. */
    static String reasonSql(Condition condition, ConditionQuery query) {
        var pairs = new LinkedHashMap<String, String>();
        for (Condition.Criterion criterion : condition.criteria()) {
            pairs.putIfAbsent(criterion.label(), query.value(criterion));
        }
        var sql = new StringBuilder("jsonb_build_object(");
        pairs.forEach((label, value) -> sql.append(sql.charAt(sql.length() - 1) == '(' ? "" : ", ")
                .append("cast(")
                .append(query.bind(label))
                .append(" as text), ")
                .append(value));
        return sql.append(")").toString();
    }
}
