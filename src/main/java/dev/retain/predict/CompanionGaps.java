package dev.retain.predict;

import dev.retain.platform.PageOf;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The customers who bought a product but not its usual companion, from today's orders and the latest rules: what
 * the gap list shows and what a campaign for the missing product would target.
 */
@Service
public class CompanionGaps {

    /** A customer and the companions (SKUs) they are missing. */
    public record CustomerGap(long customerId, String name, List<String> missingSkus) {}

    private final JdbcClient jdbc;

    CompanionGaps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page, in customer id order, of the customers missing a companion: of {@code productSku} (or of any
     * antecedent when null), and {@code companionSku} in particular when given.
     */
    public PageOf<CustomerGap> customersMissing(String productSku, String companionSku, int page, int size) {
        var total = new AtomicLong();
        List<CustomerGap> customers = statement("""
                        select g.customer_id, c.name, g.missing, count(*) over () as total
                        from (%s) g join customer_profiles_view c on c.id = g.customer_id
                        order by g.customer_id limit :size offset :offset""", productSku, companionSku)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> {
                    total.set(rs.getLong(4));
                    return new CustomerGap(rs.getLong(1), rs.getString(2), Arrays.asList((String[])
                            rs.getArray(3).getArray()));
                })
                .list();
        if (customers.isEmpty() && page > 0) {
            // Past the last page the window counted nothing.
            total.set(statement(
                            "select count(*) from (%s) g join customer_profiles_view c on c.id = g.customer_id",
                            productSku, companionSku)
                    .query(Long.class)
                    .single());
        }
        return new PageOf<>(customers, page, size, total.get());
    }

    /** The query with the gaps' SQL in place of {@code %s} and the SKUs bound. */
    private JdbcClient.StatementSpec statement(String query, String productSku, String companionSku) {
        String gaps = MissingCompanions.sql(
                productSku == null ? null : ":product", companionSku == null ? null : ":companion", "true");
        var statement = jdbc.sql(query.formatted(gaps));
        if (productSku != null) {
            statement = statement.param("product", productSku);
        }
        if (companionSku != null) {
            statement = statement.param("companion", companionSku);
        }
        return statement;
    }
}
