package dev.retain.messaging;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The delivery log: finding deliveries, a customer's latest, the dead-letter list and sending a dead letter again. */
@Service
public class Deliveries {

    private final DeliveryTable table;
    private final AuditLog audit;
    private final Clock clock;

    Deliveries(DeliveryTable table, AuditLog audit, Clock clock) {
        this.table = table;
        this.audit = audit;
        this.clock = clock;
    }

    public Delivery find(long id) {
        return table.find(id).orElseThrow(() -> new NotFoundException("Delivery", id));
    }

    public PageOf<Delivery> search(DeliveryQuery query, int page, int size) {
        return table.search(query, Math.max(page, 0), Math.min(Math.max(size, 1), 500));
    }

    public List<Delivery> recentOf(long customerId, int limit) {
        return table.search(new DeliveryQuery(customerId, null, null, null), 0, limit)
                .items();
    }

    /** A template whose recent deliveries fail: how many are dead or in doubt, and how many are being retried. */
    public record FailingTemplate(long templateId, String templateName, long failed, long retrying) {}

    /** The templates with the most failing deliveries among those asked for since {@code since}, most first. */
    public List<FailingTemplate> failingSince(Instant since, int limit) {
        return table.failingByTemplate(since, limit);
    }

    /**
     * Queues a dead or in-doubt delivery again, now, with fresh attempts. For one in doubt the person retrying decides
     * that a possible second copy is better than none.
     */
    @Transactional
    public Delivery retry(long id) {
        Delivery before = find(id);
        if (!table.requeue(id, clock.instant())) {
            throw new ConflictException("Delivery " + id + " is " + before.status() + ", not in the dead-letter list");
        }
        audit.record("retry", "message_delivery", id, Map.of("status", before.status()), Map.of("status", "QUEUED"));
        return find(id);
    }
}
