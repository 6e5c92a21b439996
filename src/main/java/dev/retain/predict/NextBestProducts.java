package dev.retain.predict;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The products to offer a customer next: those they have not bought, each scored by the strongest rule whose
 * antecedent they did buy — highest confidence first, then lift, then SKU, so the order is stable. Messages and
 * journeys ask for one customer or, when sending to many, for a batch of customers in one query.
 */
@Service
public class NextBestProducts {

    private final JdbcClient jdbc;

    NextBestProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} products for the customer, best first; empty without a rule that applies. */
    public List<Recommendation> forCustomer(long customerId, int limit) {
        return forCustomers(List.of(customerId), limit).getOrDefault(customerId, List.of());
    }

    /** Up to {@code limit} products for each customer, best first; customers without any are left out. */
    public Map<Long, List<Recommendation>> forCustomers(Collection<Long> customerIds, int limit) {
        var recommendations = new LinkedHashMap<Long, List<Recommendation>>();
        if (customerIds.isEmpty() || limit <= 0) {
            return recommendations;
        }
        jdbc.sql("""
                        with bought as (
                            select distinct customer_id, sku from paid_order_lines_view where customer_id = any(:ids)),
                        best_rule as (
                            select distinct on (b.customer_id, r.consequent_sku)
                                   b.customer_id, r.consequent_sku, r.consequent_name, r.confidence, r.lift,
                                   r.antecedent_sku, r.antecedent_name
                            from bought b join product_associations r on r.antecedent_sku = b.sku
                            where not exists (select 1 from bought o
                                              where o.customer_id = b.customer_id and o.sku = r.consequent_sku)
                            order by b.customer_id, r.consequent_sku, r.confidence desc, r.lift desc, r.antecedent_sku),
                        ranked as (
                            select *, row_number() over (partition by customer_id
                                                         order by confidence desc, lift desc, consequent_sku) as rank
                            from best_rule)
                        select customer_id, consequent_sku, consequent_name, confidence, lift, antecedent_sku,
                               antecedent_name
                        from ranked where rank <= :limit order by customer_id, rank""")
                .param("ids", customerIds.toArray(Long[]::new))
                .param("limit", limit)
                .query((rs, row) -> recommendations
                        .computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                        .add(new Recommendation(
                                rs.getString(2),
                                rs.getString(3),
                                rs.getDouble(4),
                                rs.getDouble(5),
                                rs.getString(6),
                                rs.getString(7))))
                .list();
        return recommendations;
    }
}
