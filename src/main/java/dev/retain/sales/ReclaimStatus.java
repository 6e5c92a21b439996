package dev.retain.sales;

/**
 * The one statement of the pools' reclaim rules: for each owned customer whose pool has a rule, the days left before
 * it goes back ({@code days_until_reclaim}, zero or less: due), the rule that will take it ({@code rule}:
 * {@code FOLLOW_UP}, {@code ORDER} or {@code WON} for no won opportunity) and the moment its days count from
 * ({@code counted_from}). Days run from the latest of the last follow-up (paid order, won opportunity), the day the
 * owner got the customer and the day the pool's rules last changed, on the pool's business calendar when it has one; a
 * customer's level picks its own days; locked customers, customers under a running contract and, when the pool says
 * so, customers with an open opportunity are left out. The nightly run, the condition field
 * {@code sales.days_until_reclaim} and "going to the pool soon" all read it.
 */
final class ReclaimStatus {

    private ReclaimStatus() {}

    /**
     * @param today SQL for today's date in the company's zone (a bind placeholder)
     * @param zone SQL for the company's zone name
     * @param filter a condition on {@code c} (customer profiles) narrowing who is looked at, e.g. {@code true}
     */
    static String sql(String today, String zone, String filter) {
        return """
                select customer_id, owner_id, pool_id, days_until_reclaim,
                       case when until_follow_up = days_until_reclaim then 'FOLLOW_UP'
                            when until_order = days_until_reclaim then 'ORDER' else 'WON' end as rule,
                       case when until_follow_up = days_until_reclaim then follow_up_days
                            when until_order = days_until_reclaim then order_days else won_days end as rule_days,
                       case when until_follow_up = days_until_reclaim then follow_up_from
                            when until_order = days_until_reclaim then order_from else won_from end as counted_from
                from (
                    select *, least(until_follow_up, until_order, until_won) as days_until_reclaim
                    from (
                        select b.*,
                               b.follow_up_days - %1$s as until_follow_up,
                               b.order_days - %2$s as until_order,
                               b.won_days - %3$s as until_won
                        from (
                            select c.id as customer_id, c.owner_id, c.pool_id, p.calendar_id, r.follow_up_days,
                                   r.order_days, p.won_days,
                                   greatest(f.last_follow_up_at, c.owner_since, p.rules_since) as follow_up_from,
                                   greatest(o.last_order_at, c.owner_since, p.rules_since) as order_from,
                                   greatest(w.last_won_at, c.owner_since, p.rules_since) as won_from
                            from customer_profiles_view c
                            join customer_pools p on p.id = c.pool_id
                            left join customer_pool_levels l
                                   on l.pool_id = p.id and l.level = c.custom_fields ->> p.level_field
                            cross join lateral (select coalesce(l.follow_up_days, p.follow_up_days) as follow_up_days,
                                                       coalesce(l.order_days, p.order_days) as order_days) r
                            left join follow_up_summaries_view f on f.customer_id = c.id
                            left join lateral (select max(ordered_at) as last_order_at from paid_orders_view po
                                               where po.customer_id = c.id) o on r.order_days is not null
                            left join opportunity_summaries_view w on w.customer_id = c.id
                            where c.owner_id is not null
                              and (r.follow_up_days is not null or r.order_days is not null or p.won_days is not null)
                              and not (p.keep_with_open_opportunity and coalesce(w.open_count, 0) > 0)
                              and not exists (select from customer_pool_locks k where k.customer_id = c.id)
                              and not coalesce(case when c.custom_fields ->> p.contract_field ~ '^\\d{4}-\\d{2}-\\d{2}$'
                                                    then (c.custom_fields ->> p.contract_field)::date >= %4$s end, false)
                              and (%5$s)
                        ) b
                        left join business_calendar_days t on t.calendar_id = b.calendar_id and t.day = %4$s
                        %6$s
                    ) rules
                ) s
                where days_until_reclaim is not null""".formatted(
                        days("follow_up_from", "df", today, zone),
                        days("order_from", "dor", today, zone),
                        days("won_from", "dw", today, zone),
                        today,
                        filter,
                        DAY_JOINS.formatted(zone));
    }

    /**
     * The day each rule counts from, on the pool's calendar: a join rather than a function call per customer and rule,
     * so the nightly run over every owned customer stays one plan.
     */
    private static final String DAY_JOINS = """
            left join business_calendar_days df
                   on df.calendar_id = b.calendar_id and df.day = (b.follow_up_from at time zone %1$s)::date
            left join business_calendar_days dor
                   on dor.calendar_id = b.calendar_id and dor.day = (b.order_from at time zone %1$s)::date
            left join business_calendar_days dw
                   on dw.calendar_id = b.calendar_id and dw.day = (b.won_from at time zone %1$s)::date""";

    /**
     * Days from a rule's moment ({@code b.<from>}) to today: working days on the pool's calendar, read from the day
     * joined as {@code dayAlias} (as {@code working_days_between} counts them), or calendar days.
     */
    private static String days(String from, String dayAlias, String today, String zone) {
        return ("(case when b.calendar_id is null then %1$s - (b.%2$s at time zone %3$s)::date"
                        + " else t.working_days_through - %4$s.working_days_through end)")
                .formatted(today, from, zone, dayAlias);
    }
}
