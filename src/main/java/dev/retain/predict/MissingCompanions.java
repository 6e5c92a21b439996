package dev.retain.predict;

/**
 * The SQL of the gap: customers who bought a rule's antecedent X but never its consequent Y (a breast pump but no
 * storage bags), with the companions each one is missing ({@code customer_id, missing text[]}). Rules can be narrowed
 * to one antecedent and one consequent. Refunded and cancelled orders count for nothing, as the view holds paid lines
 * only.
 */
final class MissingCompanions {

    private MissingCompanions() {}

    /**
     * @param product placeholder of the antecedent's SKU, or null for every rule
     * @param companion placeholder of the consequent's SKU, or null for every rule
     * @param scope predicate on {@code customer_id} limiting the customers evaluated
     */
    static String sql(String product, String companion, String scope) {
        String rules = "true" + (product == null ? "" : " and antecedent_sku = " + product)
                + (companion == null ? "" : " and consequent_sku = " + companion);
        // The customers' products of the rules are collected once (a CTE read twice is materialized), so the test
        // for the missing companion is an anti-join on that small set, not on every order line.
        return """
                with rules as (select antecedent_sku, consequent_sku from product_associations where %s),
                bought as (
                    select distinct customer_id, sku from paid_order_lines_view
                    where %s and sku in (select antecedent_sku from rules union select consequent_sku from rules))
                select x.customer_id, array_agg(distinct r.consequent_sku order by r.consequent_sku) as missing
                from bought x join rules r on r.antecedent_sku = x.sku
                where not exists (select 1 from bought y where y.customer_id = x.customer_id and y.sku = r.consequent_sku)
                group by x.customer_id""".formatted(rules, scope);
    }
}
