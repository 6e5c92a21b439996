package dev.retain.sales;

import dev.retain.commerce.OrderPlacement;
import dev.retain.commerce.Product;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opportunities (商机): opened for a customer, listed and filtered, changed with optimistic concurrency, deleted. Every
 * change is audited. Moves between stages and the outcomes are {@link OpportunityProgress}'s.
 */
@Service
public class Opportunities {

    static final int MAX_TITLE = 200;
    static final int MAX_NOTES = 4000;
    static final int MAX_LINES = 100;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    /**
     * What a person fills in. A null amount is the lines' total (zero without lines); a null owner is the customer's
     * owner (or, for a customer in the pool, whoever opens it); a line with a catalogue SKU takes its name and price
     * from the catalogue unless given.
     */
    public record OpportunityDraft(
            String title,
            BigDecimal amount,
            LocalDate expectedCloseOn,
            Long ownerId,
            List<OpportunityLine> lines,
            String notes) {}

    private final JdbcClient jdbc;
    private final OpportunityRows rows;
    private final OpportunityStages stages;
    private final Customers customers;
    private final UserAccounts users;
    private final OrderPlacement catalogue;
    private final AuditLog audit;
    private final Clock clock;

    Opportunities(
            JdbcClient jdbc,
            OpportunityRows rows,
            OpportunityStages stages,
            Customers customers,
            UserAccounts users,
            OrderPlacement catalogue,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.stages = stages;
        this.customers = customers;
        this.users = users;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws NotFoundException no such opportunity, or one of a customer the viewer may not see */
    public Opportunity find(long id) {
        return rows.find(id);
    }

    /** The opportunities matching the query, stuck ones and those closing soonest first. */
    public PageOf<Opportunity> search(OpportunityQuery query, int page, int size) {
        int shown = Math.min(Math.max(size, 1), 500);
        int at = Math.max(page, 0);
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        params.put("now", Timestamp.from(clock.instant()));
        long total = jdbc.sql("select count(*) from (" + OpportunityRows.SELECT + where + ") matching")
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", shown);
        params.put("offset", (long) at * shown);
        List<Opportunity> items = rows.select(
                where + " order by (o.status = 'OPEN') desc, o.expected_close_on nulls last, o.id desc"
                        + " limit :limit offset :offset",
                params);
        return new PageOf<>(items, at, shown, total);
    }

    /** The customer's opportunities, open ones first, newest first. */
    public List<Opportunity> ofCustomer(long customerId) {
        return rows.select(
                "where o.customer_id = :customer order by (o.status = 'OPEN') desc, o.created_at desc, o.id desc",
                Map.of("customer", customerId));
    }

    /**
     * Opens an opportunity for the customer in {@code stageId} (the first stage when null).
     *
     * @throws InvalidInputException a missing or long title, an unknown stage or owner, a negative amount, bad lines
     * @throws NotFoundException the customer does not exist or the viewer may not see it
     * @throws ConflictException the customer was merged into another one
     */
    @Transactional
    public Opportunity create(long customerId, Long stageId, OpportunityDraft draft) {
        Customer customer = customers.find(customerId);
        if (customer.mergedInto() != null) {
            throw new ConflictException(
                    "Customer " + customerId + " was merged into customer " + customer.mergedInto());
        }
        OpportunityStage stage = stageId == null ? stages.first() : stage(stageId);
        List<OpportunityLine> lines = lines(draft.lines());
        check(draft);
        Long owner = draft.ownerId() != null
                ? draft.ownerId()
                : customer.ownerId() != null
                        ? customer.ownerId()
                        : users.current().map(UserAccount::id).orElse(null);
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into opportunities (customer_id, title, stage_id, amount, expected_close_on, owner_id,
                                                   notes, stage_entered_at, created_by, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        customerId,
                        draft.title().strip(),
                        stage.id(),
                        amount(draft.amount(), lines),
                        date(draft.expectedCloseOn()),
                        owner,
                        blankToNull(draft.notes()),
                        Timestamp.from(now),
                        AuditLog.currentActor(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .query(Long.class)
                .single();
        rows.replaceLines(customerId, id, lines);
        Opportunity created = rows.find(id);
        rows.recordMove(created, OpportunityMoveKind.CREATED, null, stage.id(), created.amount(), null, now);
        audit.record("create", "opportunity", id, null, created);
        return created;
    }

    /**
     * Changes what the opportunity is about; its stage and outcome change through {@link OpportunityProgress}.
     *
     * @param version the version the change was made on
     * @throws ConflictException someone changed it since that version, or it is closed
     * @throws InvalidInputException as {@link #create}
     */
    @Transactional
    public Opportunity update(long id, int version, OpportunityDraft draft) {
        Opportunity before = rows.lock(id);
        if (before.version() != version) {
            throw stale(before);
        }
        if (before.status().closed()) {
            throw new ConflictException("Opportunity " + id + " is " + before.status() + ": it no longer changes");
        }
        List<OpportunityLine> lines = lines(draft.lines());
        check(draft);
        jdbc.sql("""
                        update opportunities set title = ?, amount = ?, expected_close_on = ?, owner_id = ?, notes = ?,
                            updated_at = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(
                        draft.title().strip(),
                        amount(draft.amount(), lines),
                        date(draft.expectedCloseOn()),
                        draft.ownerId() != null ? draft.ownerId() : before.ownerId(),
                        blankToNull(draft.notes()),
                        Timestamp.from(clock.instant()),
                        id,
                        version)
                .update();
        rows.replaceLines(before.customerId(), id, lines);
        Opportunity after = rows.find(id);
        audit.record("update", "opportunity", id, before, after);
        return after;
    }

    /** Deletes the opportunity and its history (the audit log keeps what it was). */
    @Transactional
    public void delete(long id) {
        Opportunity before = rows.lock(id);
        jdbc.sql("delete from opportunities where customer_id = ? and id = ?")
                .params(before.customerId(), id)
                .update();
        audit.record("delete", "opportunity", id, before, null);
    }

    /** The opportunity's history, oldest first. */
    public List<OpportunityMove> history(long id) {
        rows.find(id);
        return rows.moves("where m.opportunity_id = :id order by m.at, m.id", Map.of("id", id), stages.names());
    }

    static ConflictException stale(Opportunity current) {
        return new ConflictException("Opportunity " + current.id() + " was changed by someone else (now version "
                + current.version() + "): load it again and redo the change");
    }

    private OpportunityStage stage(long stageId) {
        try {
            return stages.find(stageId);
        } catch (NotFoundException e) {
            throw new InvalidInputException("stageId", "no stage " + stageId);
        }
    }

    private void check(OpportunityDraft draft) {
        var errors = new LinkedHashMap<String, String>();
        if (draft.title() == null
                || draft.title().isBlank()
                || draft.title().strip().length() > MAX_TITLE) {
            errors.put("title", "must be given, at most " + MAX_TITLE + " characters");
        }
        if (draft.amount() != null
                && (draft.amount().signum() < 0 || draft.amount().compareTo(MAX_AMOUNT) > 0)) {
            errors.put("amount", "must be from 0 to " + MAX_AMOUNT.toPlainString());
        }
        if (draft.notes() != null && draft.notes().strip().length() > MAX_NOTES) {
            errors.put("notes", "at most " + MAX_NOTES + " characters");
        }
        if (draft.ownerId() != null) {
            try {
                if (!users.find(draft.ownerId()).enabled()) {
                    errors.put("ownerId", "user " + draft.ownerId() + " is disabled");
                }
            } catch (NotFoundException e) {
                errors.put("ownerId", "no user " + draft.ownerId());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** The lines as they are kept: catalogue names and prices filled in, each checked. */
    private List<OpportunityLine> lines(List<OpportunityLine> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (given.size() > MAX_LINES) {
            throw new InvalidInputException("lines", "at most " + MAX_LINES + " lines");
        }
        Map<String, Product> products = catalogue.products(given.stream()
                .map(OpportunityLine::sku)
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(sku -> !sku.isEmpty())
                .toList());
        List<OpportunityLine> lines = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            OpportunityLine line = given.get(i);
            String field = "lines[" + i + "]";
            if (line == null) {
                throw new InvalidInputException(field, "must not be empty");
            }
            String sku = blankToNull(line.sku());
            Product product = sku == null ? null : products.get(sku);
            String name =
                    blankToNull(line.name()) != null ? line.name().strip() : product == null ? null : product.name();
            BigDecimal price = line.unitPrice() != null ? line.unitPrice() : product == null ? null : product.price();
            if (name == null || name.length() > MAX_TITLE) {
                throw new InvalidInputException(
                        field + ".name",
                        sku == null
                                ? "a product name, or a SKU of the catalogue"
                                : "no product " + sku + " in the catalogue: name it");
            }
            if (line.quantity() < 1) {
                throw new InvalidInputException(field + ".quantity", "at least 1");
            }
            if (price == null || price.signum() < 0 || price.compareTo(MAX_AMOUNT) > 0) {
                throw new InvalidInputException(field + ".unitPrice", "a price of 0 or more");
            }
            lines.add(new OpportunityLine(sku, name, line.quantity(), price));
        }
        return lines;
    }

    private static BigDecimal amount(BigDecimal given, List<OpportunityLine> lines) {
        if (given != null) {
            return given;
        }
        return lines.stream().map(OpportunityLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String where(OpportunityQuery query, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("where true");
        if (query.ownerId() != null) {
            where.append(" and o.owner_id = :owner");
            params.put("owner", query.ownerId());
        }
        if (query.stageId() != null) {
            where.append(" and o.stage_id = :stage");
            params.put("stage", query.stageId());
        }
        if (query.status() != null) {
            where.append(" and o.status = :status");
            params.put("status", query.status().name());
        }
        if (query.closingMonth() != null) {
            where.append(" and o.expected_close_on >= :monthStart and o.expected_close_on < :monthEnd");
            params.put("monthStart", Date.valueOf(query.closingMonth().atDay(1)));
            params.put(
                    "monthEnd", Date.valueOf(query.closingMonth().plusMonths(1).atDay(1)));
        }
        if (query.customerId() != null) {
            where.append(" and o.customer_id = :customer");
            params.put("customer", query.customerId());
        }
        if (query.stuckOnly()) {
            where.append(
                    " and o.status = 'OPEN' and s.stuck_after_days is not null"
                            + " and o.stage_entered_at < cast(:now as timestamptz) - make_interval(days => s.stuck_after_days)");
        }
        return where.toString();
    }
}
