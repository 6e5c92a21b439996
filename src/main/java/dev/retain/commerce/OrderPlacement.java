package dev.retain.commerce;

import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single orders placed from inside Retain (a won opportunity becoming its order), the catalogue's products by SKU, and
 * one order by id. Imports and bulk loads go through {@link OrderImport} and {@link Orders} instead.
 */
@Service
public class OrderPlacement {

    /** A line of a placed order; {@code sku} may be blank for a product outside the catalogue. */
    public record NewLine(String sku, String name, int quantity, BigDecimal unitPrice) {}

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrderPlacement(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The catalogue's products among these SKUs, by SKU. */
    public Map<String, Product> products(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("select sku, name, category, price from products where sku in (:skus)")
                .param("skus", skus)
                .query((rs, row) -> new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4)))
                .list()
                .stream()
                .collect(Collectors.toMap(Product::sku, product -> product));
    }

    /** The order with this id, without its lines, if the viewer may see it. */
    public Optional<Order> find(long orderId) {
        return jdbc.sql("select " + Orders.ORDER_COLUMNS + " from orders where id = ?")
                .param(orderId)
                .query(Orders::orderWithoutLines)
                .optional();
    }

    /**
     * Records a paid order of the customer, now, in the base currency, with its lines; {@link OrdersRecorded} tells the
     * other modules (segments, journeys, analytics) as an import would.
     *
     * @param source where the order comes from, e.g. {@code sales}; with {@code externalId} it identifies the order
     * @throws InvalidInputException a negative amount, a line without name, a quantity below one or a negative price
     * @throws ConflictException an order with this source and external id exists already
     */
    @Transactional
    public Order place(long customerId, String source, String externalId, BigDecimal amount, List<NewLine> lines) {
        if (amount == null || amount.signum() < 0) {
            throw new InvalidInputException("amount", "must be zero or more");
        }
        for (NewLine line : lines) {
            if (line.name() == null
                    || line.name().isBlank()
                    || line.quantity() < 1
                    || line.unitPrice() == null
                    || line.unitPrice().signum() < 0) {
                throw new InvalidInputException("lines", "each line needs a name, a quantity of 1 or more and a price");
            }
        }
        Instant now = clock.instant();
        long id;
        try {
            id = jdbc.sql("""
                            insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                                base_amount, created_at)
                            values (?, ?, ?, ?, 'PAID', ?, ?, ?, ?) returning id""")
                    .params(
                            customerId,
                            source,
                            externalId,
                            Timestamp.from(now),
                            CurrencyRates.BASE_CURRENCY,
                            amount,
                            amount,
                            Timestamp.from(now))
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("An order " + externalId + " from " + source + " exists already");
        }
        int lineNo = 0;
        for (NewLine line : lines) {
            // time, status and base amount come from the order (trigger order_lines_inserted)
            jdbc.sql("""
                            insert into order_lines (order_id, line_no, customer_id, sku, product_name, category,
                                                     quantity, unit_price)
                            values (?, ?, ?, ?, ?, coalesce((select category from products where sku = ?), ''), ?, ?)""")
                    .params(
                            id,
                            ++lineNo,
                            customerId,
                            line.sku() == null ? "" : line.sku().strip(),
                            line.name().strip(),
                            line.sku(),
                            line.quantity(),
                            line.unitPrice())
                    .update();
        }
        events.publishEvent(OrdersRecorded.of(List.of(customerId)));
        return find(id).orElseThrow();
    }
}
