package dev.retain.commerce;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Set-based upsert of imported orders. The importer fills the temporary table {@code staged_orders} (see
 * {@link #createStaging()} and {@link #STAGING_COLUMNS}) with one row per file row — rows sharing an order reference
 * are the lines of one order — sets {@code customer_id}, and calls {@link #upsert}. An order is identified by
 * (source, order reference): importing it again changes nothing, a changed row updates it. Afterwards the temporary
 * table {@link #OUTCOMES} says for every row ({@code row_number, customer_id, outcome}) whether it created an order
 * ({@code imported}, first row of a new order) or joined an existing or already-created one ({@code merged}).
 * When orders were created or changed, {@link OrdersRecorded} is published.
 */
@Service
public class OrderImport {

    public static final String STAGING_COLUMNS =
            "row_number, order_ref, returns_ref, ordered_at, status, currency, amount, coupon_code, sku, product_name,"
                    + " category, quantity, unit_price";

    public static final String OUTCOMES = "order_outcomes";

    private static final int FRESH_STATISTICS_AFTER = 10_000;

    /** How many orders were created, updated (changed), and left as they were. */
    public record Upsert(long created, long updated, long unchanged) {}

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    OrderImport(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public void createStaging() {
        jdbc.sql("""
                        create temp table staged_orders (
                            row_number bigint primary key, order_ref text not null, returns_ref text,
                            ordered_at timestamptz not null,
                            status text not null, currency text not null, amount numeric(14, 2), coupon_code text,
                            sku text, product_name text, category text, quantity int, unit_price numeric(14, 2),
                            customer_id bigint
                        ) on commit drop""").update();
    }

    public Upsert upsert(String source) {
        jdbc.sql("analyze staged_orders").update();
        // One head per order: its first row, with the lines' total when the file gives no amount.
        jdbc.sql("""
                        create temp table order_heads on commit drop as
                        select distinct on (s.order_ref) s.order_ref, s.row_number as first_row, s.customer_id,
                               s.returns_ref, s.ordered_at, s.status, s.currency,
                               coalesce(s.amount, s.line_total, 0) as amount,
                               s.coupon_code, o.id as existing_id
                        from (select *, sum(quantity * unit_price) over (partition by order_ref) as line_total
                              from staged_orders) s
                        left join orders o on o.source = ? and o.external_id = s.order_ref
                        order by s.order_ref, s.row_number""").param(source).update();
        // New orders take a plain insert (much cheaper than a speculative one); known ones update only when changed.
        long created = jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, coupon_code, returns_external_id, created_at)
                        select h.customer_id, ?, h.order_ref, h.ordered_at, h.status, h.currency, h.amount,
                               round(h.amount * r.rate_to_base, 2), h.coupon_code, h.returns_ref, now()
                        from order_heads h join currency_rates r on r.currency = h.currency
                        where h.existing_id is null""").param(source).update();
        long updated = jdbc.sql("""
                        update orders o set customer_id = h.customer_id, ordered_at = h.ordered_at, status = h.status,
                            currency = h.currency, amount = h.amount, base_amount = round(h.amount * r.rate_to_base, 2),
                            coupon_code = h.coupon_code, returns_external_id = h.returns_ref
                        from order_heads h join currency_rates r on r.currency = h.currency
                        where o.id = h.existing_id
                          and (o.customer_id, o.ordered_at, o.status, o.currency, o.amount, o.coupon_code,
                               o.returns_external_id)
                              is distinct from (h.customer_id, h.ordered_at, h.status, h.currency, h.amount,
                                                h.coupon_code, h.returns_ref)""").update();
        if (created > FRESH_STATISTICS_AFTER) {
            // The lines are matched to the orders just written. Statistics from before them take the file's source
            // for empty, and the planner may then scan the whole file once per new order.
            jdbc.sql("analyze orders").update();
        }
        boolean fileHasLines = jdbc.sql(
                        "select exists (select 1 from staged_orders where sku is not null or product_name is not null)")
                .query(Boolean.class)
                .single();
        if (fileHasLines) {
            replaceLines(source);
        }
        netReturns(source);
        jdbc.sql("""
                        create temp table order_outcomes on commit drop as
                        select s.row_number, s.customer_id,
                               case when h.existing_id is null and s.row_number = h.first_row
                                    then 'imported' else 'merged' end as outcome
                        from staged_orders s join order_heads h on h.order_ref = s.order_ref""").update();
        long heads =
                jdbc.sql("select count(*) from order_heads").query(Long.class).single();
        if (created + updated > 0) {
            events.publishEvent(OrdersRecorded.of(jdbc.sql("select distinct customer_id from order_heads")
                    .query(Long.class)
                    .list()));
        }
        return new Upsert(created, updated, heads - created - updated);
    }

    /**
     * Recomputes what was returned of every order this import wrote or returned against, from all stored returns of the
     * source: returns and their orders may come in either order, in one file or in several.
     */
    private void netReturns(String source) {
        boolean sourceHasReturns = jdbc.sql(
                        "select exists (select 1 from orders where source = ? and returns_external_id is not null)")
                .param(source)
                .query(Boolean.class)
                .single();
        if (!sourceHasReturns) {
            return;
        }
        jdbc.sql("""
                        with touched as (
                            select order_ref as external_id from order_heads
                            union select returns_ref from order_heads where returns_ref is not null),
                        returned as (
                            select t.external_id,
                                   coalesce((select -sum(r.base_amount) from orders r
                                             where r.source = :source and r.returns_external_id = t.external_id
                                               and r.status = 'RETURNED'), 0) as amount
                            from touched t)
                        update orders o set returned_base_amount = returned.amount
                        from returned
                        where o.source = :source and o.external_id = returned.external_id and o.status <> 'RETURNED'
                          and o.returned_base_amount <> returned.amount""").param("source", source).update();
    }

    /** The lines of new orders, and of existing ones whose lines in the file differ from the stored ones. */
    private void replaceLines(String source) {
        jdbc.sql("""
                        create temp table staged_lines on commit drop as
                        select o.id as order_id, o.customer_id,
                               row_number() over (partition by s.order_ref order by s.row_number) as line_no,
                               s.sku, coalesce(s.product_name, s.sku) as product_name,
                               coalesce(s.category, '') as category, coalesce(s.quantity, 1) as quantity,
                               coalesce(s.unit_price, 0) as unit_price, o.ordered_at, o.status, o.coupon_code,
                               order_line_amount(coalesce(s.quantity, 1), coalesce(s.unit_price, 0), o.base_amount,
                                                 o.amount) as line_amount
                        from staged_orders s join orders o on o.source = ? and o.external_id = s.order_ref
                        where s.sku is not null or s.product_name is not null""").param(source).update();
        jdbc.sql("""
                        create temp table changed_line_orders on commit drop as
                        select order_id from (
                            (select order_id, line_no, customer_id, sku, product_name, category, quantity, unit_price
                             from staged_lines
                             except
                             select l.order_id, l.line_no, l.customer_id, l.sku, l.product_name, l.category,
                                    l.quantity, l.unit_price
                             from order_lines l where l.order_id in (select order_id from staged_lines))
                            union all
                            (select l.order_id, l.line_no, l.customer_id, l.sku, l.product_name, l.category,
                                    l.quantity, l.unit_price
                             from order_lines l where l.order_id in (select order_id from staged_lines)
                             except
                             select order_id, line_no, customer_id, sku, product_name, category, quantity, unit_price
                             from staged_lines)) differences
                        group by order_id""").update();
        jdbc.sql("delete from order_lines where order_id in (select order_id from changed_line_orders)")
                .update();
        jdbc.sql("""
                        insert into order_lines (order_id, line_no, customer_id, sku, product_name, category, quantity,
                                                 unit_price, ordered_at, status, coupon_code, line_amount)
                        select order_id, line_no, customer_id, coalesce(sku, ''), product_name, category, quantity,
                               unit_price, ordered_at, status, coupon_code, line_amount
                        from staged_lines where order_id in (select order_id from changed_line_orders)""").update();
    }
}
