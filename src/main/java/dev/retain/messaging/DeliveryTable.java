package dev.retain.messaging;

import dev.retain.platform.MonthlyPartitions;
import dev.retain.platform.PageOf;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Reads and writes {@code message_deliveries} and {@code message_keys}. Times come from the caller's clock. */
@Component
class DeliveryTable {

    static final String TABLE = "message_deliveries";
    static final String COLUMNS = """
            id, customer_id, channel, template_id, source_ref, marketing, idempotency_key, status, reason, recipient,
            subject, attempts, last_error, created_at, due_at, sent_at, failed_at, opened_at, opens, clicked_at, clicks,
            unsubscribed_at""";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    /** A delivery claimed for sending, with what the sender needs. */
    record Claimed(
            long id,
            long customerId,
            Channel channel,
            long templateId,
            Map<String, Object> variables,
            String idempotencyKey,
            String sourceRef,
            boolean marketing,
            int attempts) {}

    /** A new row: the outcome of the rules, and the status and due time that follow from it. */
    record NewDelivery(
            long id,
            Outbound message,
            SendResult.Status outcome,
            String reason,
            DeliveryStatus status,
            Instant dueAt,
            String recipient) {}

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;
    private final ObjectMapper json;

    DeliveryTable(JdbcClient jdbc, MonthlyPartitions partitions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.json = json;
    }

    /**
     * Claims an idempotency key for a new delivery id, or finds the delivery that claimed it first. A concurrent claim
     * of the same key waits for the first transaction, then sees its delivery.
     */
    Optional<Long> claimKey(String key, Instant now) {
        return jdbc.sql("""
                        insert into message_keys (idempotency_key, delivery_id, created_at)
                        values (?, nextval('message_delivery_ids'), ?) on conflict do nothing returning delivery_id""").params(key, Timestamp.from(now)).query(Long.class).optional();
    }

    long deliveryOfKey(String key) {
        return jdbc.sql("select delivery_id from message_keys where idempotency_key = ?")
                .param(key)
                .query(Long.class)
                .single();
    }

    void insert(NewDelivery delivery, Instant now) {
        partitions.ensure(TABLE, now, now);
        Outbound message = delivery.message();
        jdbc.sql("""
                        insert into message_deliveries (id, created_at, customer_id, channel, template_id, source_ref,
                            marketing, idempotency_key, variables, outcome, reason, scheduled_at, status, due_at,
                            recipient)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""")
                .params(
                        delivery.id(),
                        Timestamp.from(now),
                        message.customerId(),
                        message.channel().name(),
                        message.templateId(),
                        message.sourceRef(),
                        message.marketing(),
                        message.idempotencyKey(),
                        json.writeValueAsString(message.variables()),
                        delivery.outcome().name(),
                        delivery.reason(),
                        Timestamp.from(delivery.dueAt() == null ? now : delivery.dueAt()),
                        delivery.status().name(),
                        delivery.dueAt() == null ? null : Timestamp.from(delivery.dueAt()),
                        delivery.recipient())
                .update();
    }

    /** The answer given when the delivery was asked for. */
    Optional<SendResult> resultOf(long id) {
        return jdbc.sql("select outcome, reason, scheduled_at from message_deliveries where id = ?")
                .param(id)
                .query((rs, row) -> {
                    var outcome = SendResult.Status.valueOf(rs.getString(1));
                    boolean waits = outcome == SendResult.Status.QUEUED || outcome == SendResult.Status.DEFERRED;
                    return new SendResult(
                            id,
                            outcome,
                            rs.getString(2),
                            waits ? rs.getTimestamp(3).toInstant() : null);
                })
                .optional();
    }

    Optional<Delivery> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from message_deliveries where id = ?")
                .param(id)
                .query(DeliveryTable::map)
                .optional();
    }

    /** Marketing messages on a channel asked for since {@code since} that were or will be sent. */
    long marketingCount(long customerId, Channel channel, Instant since) {
        return jdbc.sql("""
                        select count(*) from message_deliveries
                        where customer_id = ? and channel = ? and marketing and created_at >= ?
                          and status not in ('SUPPRESSED', 'CAPPED', 'DEAD')""")
                .params(customerId, channel.name(), Timestamp.from(since))
                .query(Long.class)
                .single();
    }

    /**
     * Marks up to {@code limit} due deliveries SENDING with a lease and returns them; rows other workers are claiming
     * are skipped. Runs in its own committed transaction, before anything is sent.
     */
    List<Claimed> claimDue(Instant now, Duration lease, int limit) {
        return jdbc.sql("""
                        update message_deliveries d set status = 'SENDING', lease_until = :lease,
                            attempts = d.attempts + 1
                        from (select id, created_at from message_deliveries
                              where status in ('QUEUED', 'DEFERRED', 'RETRYING') and due_at <= :now
                              order by due_at limit :limit for update skip locked) due
                        where d.id = due.id and d.created_at = due.created_at
                        returning d.id, d.customer_id, d.channel, d.template_id, d.variables::text, d.idempotency_key,
                            d.source_ref, d.marketing, d.attempts""")
                .param("lease", Timestamp.from(now.plus(lease)))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> new Claimed(
                        rs.getLong(1),
                        rs.getLong(2),
                        Channel.valueOf(rs.getString(3)),
                        rs.getLong(4),
                        json.readValue(rs.getString(5), JSON_OBJECT),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getBoolean(8),
                        rs.getInt(9)))
                .list();
    }

    /** Sent, or found sent after being marked in doubt: the truth wins. */
    boolean markSent(long id, String recipient, String subject, DeliveryStatus status, Instant now) {
        return jdbc.sql("""
                        update message_deliveries set status = ?, recipient = ?, subject = ?, sent_at = ?,
                            lease_until = null, last_error = null, due_at = null
                        where id = ? and status in ('SENDING', 'IN_DOUBT')""")
                        .params(status.name(), recipient, subject, Timestamp.from(now), id)
                        .update()
                > 0;
    }

    void markRetry(long id, String error, Instant dueAt) {
        jdbc.sql("""
                        update message_deliveries set status = 'RETRYING', last_error = ?, due_at = ?, lease_until = null
                        where id = ? and status = 'SENDING'""").params(error, Timestamp.from(dueAt), id).update();
    }

    boolean markDead(long id, String error, Instant now) {
        return jdbc.sql("""
                        update message_deliveries set status = 'DEAD', last_error = ?, failed_at = ?, due_at = null,
                            lease_until = null
                        where id = ? and status = 'SENDING'""").params(error, Timestamp.from(now), id).update() > 0;
    }

    /** Put back without spending an attempt (quiet hours began while it waited). */
    void defer(long id, Instant dueAt) {
        jdbc.sql("""
                        update message_deliveries set status = 'DEFERRED', due_at = ?, lease_until = null,
                            attempts = attempts - 1
                        where id = ? and status = 'SENDING'""").params(Timestamp.from(dueAt), id).update();
    }

    void markSuppressed(long id, String reason) {
        jdbc.sql("""
                        update message_deliveries set status = 'SUPPRESSED', reason = ?, due_at = null, lease_until = null
                        where id = ? and status = 'SENDING'""").params(reason, id).update();
    }

    /** SENDING rows whose lease ran out: their sender stopped mid-way, so nobody knows whether they went out. */
    List<Delivery> markExpiredLeasesInDoubt(Instant now) {
        return jdbc.sql("""
                        update message_deliveries set status = 'IN_DOUBT', failed_at = :now, lease_until = null,
                            last_error = 'in doubt: the sender stopped while handing it over; it may or may not have '
                                || 'been sent, so it is not resent automatically'
                        where status = 'SENDING' and lease_until < :now""" + " returning " + COLUMNS)
                .param("now", Timestamp.from(now))
                .query(DeliveryTable::map)
                .list();
    }

    /** Queues a dead letter again, with its attempts counted afresh. */
    boolean requeue(long id, Instant now) {
        return jdbc.sql("""
                        update message_deliveries set status = 'QUEUED', due_at = ?, attempts = 0, failed_at = null
                        where id = ? and status in ('DEAD', 'IN_DOUBT')""").params(Timestamp.from(now), id).update() > 0;
    }

    /** Records an open; true when it is the first. */
    boolean markOpened(long id, Instant now) {
        return jdbc.sql("""
                        update message_deliveries set opens = opens + 1, opened_at = coalesce(opened_at, ?)
                        where id = ? returning opens""")
                .params(Timestamp.from(now), id)
                .query(Integer.class)
                .optional()
                .map(opens -> opens == 1)
                .orElse(false);
    }

    void markClicked(long id, Instant now) {
        jdbc.sql("update message_deliveries set clicks = clicks + 1, clicked_at = coalesce(clicked_at, ?) where id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    void markUnsubscribed(long id, Instant now) {
        jdbc.sql("update message_deliveries set unsubscribed_at = coalesce(unsubscribed_at, ?) where id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    PageOf<Delivery> search(DeliveryQuery query, int page, int size) {
        var where = new ArrayList<String>();
        var params = new java.util.HashMap<String, Object>();
        if (query.customerId() != null) {
            where.add("customer_id = :customer");
            params.put("customer", query.customerId());
        }
        if (query.channel() != null) {
            where.add("channel = :channel");
            params.put("channel", query.channel().name());
        }
        if (query.statuses() != null && !query.statuses().isEmpty()) {
            where.add("status in (:statuses)");
            params.put("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (query.sourcePrefix() != null && !query.sourcePrefix().isBlank()) {
            where.add("source_ref like :prefix");
            params.put("prefix", likePrefix(query.sourcePrefix()));
        }
        String condition = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = jdbc.sql("select count(*) from message_deliveries" + condition)
                .params(params)
                .query(Long.class)
                .single();
        List<Delivery> items = jdbc.sql("select " + COLUMNS + " from message_deliveries" + condition
                        + " order by created_at desc, id desc limit :size offset :offset")
                .params(params)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(DeliveryTable::map)
                .list();
        return new PageOf<>(items, page, size, total);
    }

    /** Per template, the deliveries asked for since {@code since} that failed or are being retried, most first. */
    List<Deliveries.FailingTemplate> failingByTemplate(Instant since, int limit) {
        return jdbc.sql("""
                        select d.template_id, t.name,
                               count(*) filter (where d.status in ('DEAD', 'IN_DOUBT')) as failed,
                               count(*) filter (where d.status = 'RETRYING') as retrying
                        from message_deliveries d left join message_templates t on t.id = d.template_id
                        where d.created_at >= ? and d.status in ('DEAD', 'IN_DOUBT', 'RETRYING')
                        group by d.template_id, t.name order by count(*) desc, d.template_id limit ?""")
                .params(Timestamp.from(since), limit)
                .query((rs, row) ->
                        new Deliveries.FailingTemplate(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** Counts by status and channel of the deliveries whose source starts with the prefix. */
    List<Map<String, Object>> countsBySource(String prefix) {
        return jdbc.sql("""
                        select channel, count(*) as requested,
                            count(*) filter (where status in ('QUEUED', 'DEFERRED', 'SENDING', 'RETRYING')) as queued,
                            count(*) filter (where status in ('SENT', 'DELIVERED')) as sent,
                            count(*) filter (where status in ('DEAD', 'IN_DOUBT')) as failed,
                            count(*) filter (where status in ('SUPPRESSED', 'CAPPED')) as not_sent,
                            count(opened_at) as opened, count(clicked_at) as clicked,
                            count(unsubscribed_at) as unsubscribed
                        from message_deliveries where source_ref like ? group by channel""").param(likePrefix(prefix)).query().listOfRows();
    }

    int pruneKeys(Instant before) {
        return jdbc.sql("delete from message_keys where created_at < ?")
                .param(Timestamp.from(before))
                .update();
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                Channel.valueOf(rs.getString("channel")),
                rs.getLong("template_id"),
                rs.getString("source_ref"),
                rs.getBoolean("marketing"),
                rs.getString("idempotency_key"),
                DeliveryStatus.valueOf(rs.getString("status")),
                rs.getString("reason"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                instant(rs, "created_at"),
                instant(rs, "due_at"),
                instant(rs, "sent_at"),
                instant(rs, "failed_at"),
                instant(rs, "opened_at"),
                rs.getInt("opens"),
                instant(rs, "clicked_at"),
                rs.getInt("clicks"),
                instant(rs, "unsubscribed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
