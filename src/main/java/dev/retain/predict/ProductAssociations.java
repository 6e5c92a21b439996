package dev.retain.predict;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mines "customers who bought X also buy Y" from paid order lines, counted in customers (a product bought twice by
 * one customer counts once), and keeps the rules that pass the thresholds. A recompute is a few set-based statements
 * whatever the number of customers: each customer's products are collected once, only products with enough buyers
 * are paired (within each customer's own basket, so the work grows with basket sizes, not with the catalogue
 * squared), and the rules replace the old ones in one transaction, so readers see either set whole.
 */
@Service
public class ProductAssociations {

    private static final String COLUMNS = """
            antecedent_sku, antecedent_name, consequent_sku, consequent_name, both_customers, antecedent_customers,
            consequent_customers, support, confidence, lift, computed_at""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AssociationThresholds configured;

    ProductAssociations(
            JdbcClient jdbc,
            Clock clock,
            @Value("${retain.predict.recommendations.min-support}") double minSupport,
            @Value("${retain.predict.recommendations.min-confidence}") double minConfidence,
            @Value("${retain.predict.recommendations.min-lift}") double minLift,
            @Value("${retain.predict.recommendations.min-customers}") int minCustomers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.configured = new AssociationThresholds(minSupport, minConfidence, minLift, minCustomers);
    }

    public AssociationThresholds configuredThresholds() {
        return configured;
    }

    /** Recomputes every rule with the configured thresholds. */
    @Transactional
    public AssociationRun recompute() {
        return recompute(configured);
    }

    @Transactional
    public AssociationRun recompute(AssociationThresholds thresholds) {
        Instant started = clock.instant();
        // A second recompute (nightly and on demand at once) waits for this one instead of inserting the same rules;
        // readers are not blocked.
        jdbc.sql("lock table product_associations in exclusive mode").update();
        jdbc.sql("""
                        create temp table customer_products on commit drop as
                        select distinct customer_id, sku from paid_order_lines_view""").update();
        jdbc.sql("analyze customer_products").update();
        long customers = jdbc.sql("select count(distinct customer_id) from customer_products")
                .query(Long.class)
                .single();
        // Support and confidence are compared as the same divisions the rules store, so a rule exactly at a
        // threshold is kept whatever floating point makes of "threshold × customers".
        jdbc.sql("""
                        create temp table frequent_products on commit drop as
                        select row_number() over (order by sku)::int as item, sku, count(*) as buyers
                        from customer_products group by sku
                        having count(*) >= :minCustomers and count(*)::float8 / :customers >= :minSupport""")
                .param("minCustomers", thresholds.minCustomers())
                .param("customers", Math.max(customers, 1))
                .param("minSupport", thresholds.minSupport())
                .update();
        jdbc.sql("analyze frequent_products").update();
        jdbc.sql("""
                        create temp table product_pairs on commit drop as
                        select x.item as antecedent, y.item as consequent, count(*) as both_customers
                        from (select array_agg(f.item) as items
                              from customer_products b join frequent_products f on f.sku = b.sku
                              group by b.customer_id having count(*) > 1) baskets
                             cross join unnest(baskets.items) as x(item)
                             cross join unnest(baskets.items) as y(item)
                        where x.item <> y.item
                        group by x.item, y.item
                        having count(*) >= :minCustomers and count(*)::float8 / :customers >= :minSupport""")
                .param("minCustomers", thresholds.minCustomers())
                .param("customers", Math.max(customers, 1))
                .param("minSupport", thresholds.minSupport())
                .update();
        jdbc.sql("""
                        create temp table frequent_product_names on commit drop as
                        select sku, max(product_name) as name from paid_order_lines_view
                        where sku in (select sku from frequent_products)
                        group by sku""").update();
        jdbc.sql("delete from product_associations").update();
        long rules = jdbc.sql("""
                        insert into product_associations (%s)
                        select a.sku, an.name, c.sku, cn.name, p.both_customers, a.buyers, c.buyers,
                               p.both_customers::float8 / :customers,
                               p.both_customers::float8 / a.buyers,
                               (p.both_customers * :customers)::float8 / (a.buyers * c.buyers),
                               :now
                        from product_pairs p
                             join frequent_products a on a.item = p.antecedent
                             join frequent_products c on c.item = p.consequent
                             join frequent_product_names an on an.sku = a.sku
                             join frequent_product_names cn on cn.sku = c.sku
                        where p.both_customers::float8 / a.buyers >= :minConfidence
                          and (p.both_customers * :customers)::float8 / (a.buyers * c.buyers) >= :minLift""".formatted(COLUMNS))
                .param("customers", Math.max(customers, 1))
                .param("minConfidence", thresholds.minConfidence())
                .param("minLift", thresholds.minLift())
                .param("now", Timestamp.from(started))
                .update();
        long products = jdbc.sql("select count(*) from frequent_products")
                .query(Long.class)
                .single();
        var run = new AssociationRun(customers, products, rules, thresholds, started, clock.instant());
        jdbc.sql("""
                        insert into product_association_runs (customers, products, rules, min_support, min_confidence,
                                                              min_lift, min_customers, started_at, finished_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        run.customers(),
                        run.products(),
                        run.rules(),
                        thresholds.minSupport(),
                        thresholds.minConfidence(),
                        thresholds.minLift(),
                        thresholds.minCustomers(),
                        Timestamp.from(run.startedAt()),
                        Timestamp.from(run.finishedAt()))
                .update();
        return run;
    }

    /**
     * The strongest rules first (confidence, then lift); only those from {@code antecedentSku} when it is given.
     */
    public List<ProductAssociation> rules(String antecedentSku, int limit) {
        var statement = jdbc.sql("select " + COLUMNS + " from product_associations"
                        + (antecedentSku == null ? "" : " where antecedent_sku = :sku")
                        + " order by confidence desc, lift desc, antecedent_sku, consequent_sku limit :limit")
                .param("limit", limit);
        if (antecedentSku != null) {
            statement = statement.param("sku", antecedentSku);
        }
        return statement
                .query((rs, row) -> new ProductAssociation(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(6) - rs.getLong(5),
                        rs.getDouble(8),
                        rs.getDouble(9),
                        rs.getDouble(10),
                        rs.getTimestamp(11).toInstant()))
                .list();
    }

    public Optional<AssociationRun> lastRun() {
        return jdbc.sql("""
                        select customers, products, rules, min_support, min_confidence, min_lift, min_customers,
                               started_at, finished_at
                        from product_association_runs order by id desc limit 1""")
                .query((rs, row) -> new AssociationRun(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        new AssociationThresholds(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getInt(7)),
                        rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant()))
                .optional();
    }
}
