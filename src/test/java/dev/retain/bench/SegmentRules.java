package dev.retain.bench;

import dev.retain.segments.AudienceKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The 20 rules of the segments benchmark — the seven available templates and thirteen more of every kind the condition
 * language has — each with the single SQL statement an engineer would write by hand against the base tables to find
 * the same customers, and the hand-written RFM scoring they are measured against.
 *
 * <p>The hand-written statements read {@code :now} (the instant the evaluation used) and {@code :today} (its date in
 * the company's zone), filled in as literals, so both sides answer the same question. Merged-away customers are
 * excluded; days since an order count local dates; windows count back whole days from the instant.
 */
final class SegmentRules {

    /**
     * A rule: switched on from a template when {@code template} is set, otherwise created from {@code condition}.
     * {@code reference} selects {@code customer_id}; the reference of another rule is the table {@code ref_<key>}.
     */
    record Rule(String key, AudienceKind kind, String name, String template, String condition, String reference) {

        String referenceTable() {
            return "ref_" + key;
        }
    }

    /** RFM with quintile scores, the 11-segment grid (rows R = 5 … 1, columns FM = 1 … 5) and the 8 value cells. */
    static final String REFERENCE_RFM = """
            create temp table ref_rfm as
            with facts as (
                select customer_id, :today - max((ordered_at at time zone 'Asia/Shanghai')::date) as recency_days,
                       count(*) as frequency, sum(base_amount) as monetary
                from orders where status = 'PAID' and ordered_at <= :now
                group by customer_id),
            scored as (
                select facts.*,
                       least(5, floor(5 * percent_rank() over (order by recency_days desc)) + 1)::int as r,
                       least(5, floor(5 * percent_rank() over (order by frequency)) + 1)::int as f,
                       least(5, floor(5 * percent_rank() over (order by monetary)) + 1)::int as m,
                       recency_days <= avg(recency_days) over () as recent,
                       frequency >= avg(frequency) over () as frequent,
                       monetary >= avg(monetary) over () as valuable
                from facts)
            select customer_id, recency_days, r, f, m,
                   (case r when 5 then array['NEW', 'POTENTIAL_LOYALISTS', 'POTENTIAL_LOYALISTS', 'CHAMPIONS', 'CHAMPIONS']
                           when 4 then array['PROMISING', 'POTENTIAL_LOYALISTS', 'POTENTIAL_LOYALISTS', 'LOYAL', 'CHAMPIONS']
                           when 3 then array['ABOUT_TO_SLEEP', 'ABOUT_TO_SLEEP', 'NEED_ATTENTION', 'LOYAL', 'LOYAL']
                           when 2 then array['HIBERNATING', 'HIBERNATING', 'AT_RISK', 'AT_RISK', 'CANT_LOSE_THEM']
                           else array['LOST', 'LOST', 'AT_RISK', 'CANT_LOSE_THEM', 'CANT_LOSE_THEM']
                    end)[(f + m + 1) / 2] as segment,
                   case when valuable then 'IMPORTANT_' else 'GENERAL_' end
                       || case when recent and frequent then 'VALUE' when recent then 'DEVELOP'
                               when frequent then 'KEEP' else 'RETAIN' end as value_cell
            from scored""";

    static final List<Rule> ALL = List.of(
            template("high_frequency", """
                    select o.customer_id from orders o join customers c on c.id = o.customer_id
                    where c.merged_into is null and o.status = 'PAID' and o.ordered_at >= :now - interval '30 days'
                    group by o.customer_id having count(*) >= 3"""),
            template("dormancy_warning", """
                    select o.customer_id from orders o join customers c on c.id = o.customer_id
                    where c.merged_into is null and o.status = 'PAID'
                    group by o.customer_id
                    having :today - max((o.ordered_at at time zone 'Asia/Shanghai')::date) between 61 and 90"""),
            template("dormant", """
                    select o.customer_id from orders o join customers c on c.id = o.customer_id
                    where c.merged_into is null and o.status = 'PAID'
                    group by o.customer_id having :today - max((o.ordered_at at time zone 'Asia/Shanghai')::date) > 90"""),
            template("category_preference", """
                    with spend as (
                        select customer_id, category, sum(line_amount) as spend
                        from order_lines where status = 'PAID' group by customer_id, category),
                    repeat_buyers as (
                        select customer_id from orders where status = 'PAID' group by customer_id having count(*) >= 2)
                    select s.customer_id from spend s
                    join repeat_buyers using (customer_id) join customers c on c.id = s.customer_id
                    where c.merged_into is null
                    group by s.customer_id having round(100 * max(s.spend) / nullif(sum(s.spend), 0), 1) > 60"""),
            template("high_value_dormant", """
                    select r.customer_id from ref_rfm r join customers c on c.id = r.customer_id
                    where c.merged_into is null and r.m >= 4 and r.recency_days > 90"""),
            template("frequent_low_value", """
                    select r.customer_id from ref_rfm r join customers c on c.id = r.customer_id
                    where c.merged_into is null and r.f >= 4 and r.m <= 2"""),
            template("coupon_sensitive", """
                    select o.customer_id from orders o join customers c on c.id = o.customer_id
                    where c.merged_into is null and o.status = 'PAID' and o.ordered_at >= :now - interval '365 days'
                    group by o.customer_id
                    having count(*) >= 2
                       and round(100.0 * count(*) filter (where o.coupon_code is not null) / count(*), 1) >= 50"""),
            rule("first_tier_cities", AudienceKind.TAG, "一线城市 (上海 / 北京)", """
                    {"field": "profile.city", "op": "in", "value": ["上海", "北京"]}""", """
                    select id from customers where merged_into is null and city in ('上海', '北京')"""),
            rule("lifecycle_slipping", AudienceKind.SEGMENT, "Lifecycle: at risk or lost", """
                    {"field": "profile.lifecycle_stage", "op": "in", "value": ["AT_RISK", "LOST"]}""", """
                    select id from customers where merged_into is null and lifecycle_stage in ('AT_RISK', 'LOST')"""),
            rule("birthday_week", AudienceKind.TAG, "生日在 7 天内", """
                    {"field": "profile.birthday", "op": "anniversary_in_next_days", "value": 7}""", """
                    select id from (
                        select id, birthday,
                               extract(year from :today)::int - extract(year from birthday)::int as turning
                        from customers where merged_into is null and birthday is not null) b
                    where case when birthday >= :today then birthday
                               when (birthday + make_interval(years => turning))::date >= :today
                                   then (birthday + make_interval(years => turning))::date
                               else (birthday + make_interval(years => turning + 1))::date
                          end - :today <= 7"""),
            rule("baby_repeat", AudienceKind.SEGMENT, "母婴 2+ orders in 180 days", """
                    {"field": "orders.count", "op": "gte", "value": 2,
                     "params": {"category": "母婴", "within_days": 180}}""", """
                    select l.customer_id from order_lines l join customers c on c.id = l.customer_id
                    where c.merged_into is null and l.status = 'PAID' and l.category = '母婴'
                      and l.ordered_at >= :now - interval '180 days'
                    group by l.customer_id having count(distinct l.order_id) >= 2"""),
            rule("coupon_regulars", AudienceKind.TAG, "3+ orders with a coupon", """
                    {"field": "orders.count", "op": "gte", "value": 3, "params": {"coupon": "used"}}""", """
                    select o.customer_id from orders o join customers c on c.id = o.customer_id
                    where c.merged_into is null and o.status = 'PAID' and o.coupon_code is not null
                    group by o.customer_id having count(*) >= 3"""),
            rule("electronics_fans", AudienceKind.TAG, "数码电器 half of spend", """
                    {"field": "orders.category_share", "op": "gte", "value": 50, "params": {"category": "数码电器"}}""", """
                    select l.customer_id from order_lines l join customers c on c.id = l.customer_id
                    where c.merged_into is null and l.status = 'PAID'
                    group by l.customer_id
                    having round(100 * sum(l.line_amount) filter (where l.category = '数码电器')
                                 / nullif(sum(l.line_amount), 0), 1) >= 50"""),
            rule("logged_in_recently", AudienceKind.TAG, "Logged in within 30 days", """
                    {"field": "events.count", "op": "gte", "value": 1,
                     "params": {"event_type": "login", "within_days": 30}}""", """
                    select e.customer_id from events e join customers c on c.id = e.customer_id
                    where c.merged_into is null and e.type = 'login' and e.occurred_at >= :now - interval '30 days'
                    group by e.customer_id"""),
            rule("logins_halved", AudienceKind.SEGMENT, "Logins down by half (90 days)", """
                    {"field": "events.change_pct", "op": "lte", "value": -50,
                     "params": {"event_type": "login", "days": 90}}""", """
                    select e.customer_id from events e join customers c on c.id = e.customer_id
                    where c.merged_into is null and e.type = 'login' and e.occurred_at >= :now - interval '180 days'
                    group by e.customer_id
                    having round(100.0 * (count(*) filter (where e.occurred_at >= :now - interval '90 days')
                                          - count(*) filter (where e.occurred_at < :now - interval '90 days'))
                                 / nullif(count(*) filter (where e.occurred_at < :now - interval '90 days'), 0), 1)
                           <= -50"""),
            rule("overdue", AudienceKind.SEGMENT, "Twice their usual interval overdue", """
                    {"field": "orders.overdue_ratio", "op": "gte", "value": 2}""", """
                    select o.customer_id from orders o join customers c on c.id = o.customer_id
                    where c.merged_into is null and o.status = 'PAID'
                    group by o.customer_id
                    having round((extract(epoch from :now - max(o.ordered_at))
                                  / nullif(extract(epoch from max(o.ordered_at) - min(o.ordered_at))
                                           / nullif(count(*) - 1, 0), 0))::numeric, 2) >= 2"""),
            rule("rfm_at_risk", AudienceKind.SEGMENT, "RFM: at risk or can't lose them", """
                    {"field": "rfm.segment", "op": "in", "value": ["AT_RISK", "CANT_LOSE_THEM"]}""", """
                    select r.customer_id from ref_rfm r join customers c on c.id = r.customer_id
                    where c.merged_into is null and r.segment in ('AT_RISK', 'CANT_LOSE_THEM')"""),
            rule("important_retain", AudienceKind.SEGMENT, "重要挽留客户", """
                    {"field": "rfm.value_cell", "op": "eq", "value": "IMPORTANT_RETAIN"}""", """
                    select r.customer_id from ref_rfm r join customers c on c.id = r.customer_id
                    where c.merged_into is null and r.value_cell = 'IMPORTANT_RETAIN'"""),
            rule("east_china_active", AudienceKind.SEGMENT, "华东: women or regulars, not lapsed", """
                    {"and": [{"field": "profile.region", "op": "eq", "value": "华东"},
                             {"or": [{"field": "profile.gender", "op": "eq", "value": "F"},
                                     {"field": "orders.count", "op": "gte", "value": 3, "params": {"within_days": 365}}]},
                             {"not": {"field": "orders.days_since_last", "op": "gt", "value": 180}}]}""", """
                    select c.id from customers c
                    left join (select customer_id,
                                      count(*) filter (where ordered_at >= :now - interval '365 days') as orders_year,
                                      max((ordered_at at time zone 'Asia/Shanghai')::date) as last_day
                               from orders where status = 'PAID' group by customer_id) o on o.customer_id = c.id
                    where c.merged_into is null and c.region = '华东'
                      and (c.gender = 'F' or coalesce(o.orders_year, 0) >= 3)
                      and (o.last_day is null or :today - o.last_day <= 180)"""),
            rule("dormant_companies", AudienceKind.SEGMENT, "Dormant companies", """
                    {"and": [{"field": "tag", "op": "is_true", "params": {"name": "沉睡客户"}},
                             {"field": "profile.kind", "op": "eq", "value": "COMPANY"}]}""", """
                    select d.customer_id from ref_dormant d join customers c on c.id = d.customer_id
                    where c.merged_into is null and c.kind = 'COMPANY'"""));

    private SegmentRules() {}

    private static Rule template(String key, String reference) {
        return new Rule(key, AudienceKind.TAG, null, key, null, reference);
    }

    private static Rule rule(String key, AudienceKind kind, String name, String condition, String reference) {
        return new Rule(key, kind, name, null, condition, reference);
    }

    /** The statement with the evaluation's instant and date written in. */
    static String withTime(String sql, Instant now, LocalDate today) {
        return sql.replace(":now", "timestamptz '" + now + "'").replace(":today", "date '" + today + "'");
    }
}
