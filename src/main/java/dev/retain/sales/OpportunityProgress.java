package dev.retain.sales;

import dev.retain.commerce.Order;
import dev.retain.commerce.OrderPlacement;
import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An opportunity's way through the funnel: moved from stage to stage, then won (becoming an order, or linked to one the
 * customer placed) or lost for a reason. A closed opportunity moves no more. Each step is kept in its history,
 * audited, and a win or a loss is published ({@link OpportunityWon}, {@link OpportunityLost}).
 */
@Service
public class OpportunityProgress {

    /** The source of the orders won opportunities become; their external id is {@code OPP-<id>}. */
    public static final String ORDER_SOURCE = "sales";

    static final int MAX_REASON = 500;

    /**
     * How a win is booked: {@code createOrder} places an order of the opportunity's amount and lines; {@code orderId}
     * links an order the customer has already placed (imported, say); neither leaves it without an order.
     */
    public record Win(boolean createOrder, Long orderId) {

        public static final Win WITHOUT_ORDER = new Win(false, null);
    }

    private final JdbcClient jdbc;
    private final OpportunityRows rows;
    private final OpportunityStages stages;
    private final OrderPlacement orders;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OpportunityProgress(
            JdbcClient jdbc,
            OpportunityRows rows,
            OpportunityStages stages,
            OrderPlacement orders,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.stages = stages;
        this.orders = orders;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Moves the opportunity to another stage (forwards or back); to its own stage, nothing changes.
     *
     * @param version the version the move was decided on, or null to move whatever changed meanwhile
     * @throws InvalidInputException an unknown stage
     * @throws ConflictException the opportunity is closed, or changed since {@code version}
     */
    @Transactional
    public Opportunity move(long id, long stageId, Integer version) {
        Opportunity before = open(id, version);
        OpportunityStage stage;
        try {
            stage = stages.find(stageId);
        } catch (NotFoundException e) {
            throw new InvalidInputException("stageId", "no stage " + stageId);
        }
        if (stage.id() == before.stageId()) {
            return before;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        update opportunities set stage_id = ?, stage_entered_at = ?, updated_at = ?, version = version + 1
                        where customer_id = ? and id = ?""")
                .params(stage.id(), Timestamp.from(now), Timestamp.from(now), before.customerId(), id)
                .update();
        rows.recordMove(before, OpportunityMoveKind.MOVED, before.stageId(), stage.id(), before.amount(), null, now);
        Opportunity after = rows.find(id);
        audit.record("move", "opportunity", id, before, after);
        return after;
    }

    /**
     * Closes the opportunity as won, with an order as {@code win} says.
     *
     * @throws InvalidInputException both a new and an existing order, or an order that is not the customer's
     * @throws ConflictException the opportunity is closed, or changed since {@code version}
     */
    @Transactional
    public Opportunity win(long id, Win win, Integer version) {
        Opportunity before = open(id, version);
        Long orderId = order(before, win);
        Instant now = clock.instant();
        jdbc.sql("""
                        update opportunities set status = 'WON', order_id = ?, closed_at = ?, updated_at = ?,
                            version = version + 1
                        where customer_id = ? and id = ?""")
                .params(orderId, Timestamp.from(now), Timestamp.from(now), before.customerId(), id)
                .update();
        rows.recordMove(
                before, OpportunityMoveKind.WON, before.stageId(), before.stageId(), before.amount(), null, now);
        Opportunity after = rows.find(id);
        audit.record("win", "opportunity", id, before, after);
        events.publishEvent(new OpportunityWon(id, before.customerId(), before.amount(), orderId, now));
        return after;
    }

    /**
     * Closes the opportunity as lost, for a reason from the list or in the person's own words.
     *
     * @throws InvalidInputException no reason, or a long one
     * @throws ConflictException the opportunity is closed, or changed since {@code version}
     */
    @Transactional
    public Opportunity lose(long id, String reason, Integer version) {
        if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REASON) {
            throw new InvalidInputException("reason", "why it was lost, at most " + MAX_REASON + " characters");
        }
        Opportunity before = open(id, version);
        Instant now = clock.instant();
        jdbc.sql("""
                        update opportunities set status = 'LOST', lost_reason = ?, closed_at = ?, updated_at = ?,
                            version = version + 1
                        where customer_id = ? and id = ?""")
                .params(reason.strip(), Timestamp.from(now), Timestamp.from(now), before.customerId(), id)
                .update();
        rows.recordMove(
                before,
                OpportunityMoveKind.LOST,
                before.stageId(),
                before.stageId(),
                before.amount(),
                reason.strip(),
                now);
        Opportunity after = rows.find(id);
        audit.record("lose", "opportunity", id, before, after);
        events.publishEvent(new OpportunityLost(id, before.customerId(), before.amount(), reason.strip(), now));
        return after;
    }

    /** The opportunity, locked, still open and at the version given. */
    private Opportunity open(long id, Integer version) {
        Opportunity current = rows.lock(id);
        if (current.status().closed()) {
            throw new ConflictException("Opportunity " + id + " is " + current.status() + " already");
        }
        if (version != null && version != current.version()) {
            throw Opportunities.stale(current);
        }
        return current;
    }

    private Long order(Opportunity opportunity, Win win) {
        if (win.createOrder() && win.orderId() != null) {
            throw new InvalidInputException("orderId", "either a new order or an existing one, not both");
        }
        if (win.orderId() != null) {
            Order order = orders.find(win.orderId())
                    .filter(o -> o.customerId() == opportunity.customerId())
                    .orElseThrow(() ->
                            new InvalidInputException("orderId", "no order " + win.orderId() + " of this customer"));
            return order.id();
        }
        if (!win.createOrder()) {
            return null;
        }
        return orders.place(
                        opportunity.customerId(),
                        ORDER_SOURCE,
                        "OPP-" + opportunity.id(),
                        opportunity.amount(),
                        opportunity.lines().stream()
                                .map(line -> new OrderPlacement.NewLine(
                                        line.sku(), line.name(), line.quantity(), line.unitPrice()))
                                .toList())
                .id();
    }
}
