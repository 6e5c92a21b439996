package dev.retain.service;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's tickets, their threads, files, status and assignment history and place in a dispatch queue: exported (files by name and size, not their bytes),
 * and deleted on erasure — what the person wrote and what was written to them is theirs. A customer who opened or
 * wrote on a ticket since then is active for the retention policy.
 */
@Component
class ServicePersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of(
            "tickets",
            "ticket_messages",
            "ticket_attachments",
            "ticket_status_changes",
            "ticket_keys",
            "ticket_slas",
            "ticket_sla_timers",
            "ticket_assignments",
            "dispatch_queue");

    private final PersonalDataRows rows;
    private final JdbcClient jdbc;

    ServicePersonalData(PersonalDataRows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "service";
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long customerId) {
        var export = rows.of(
                customerId,
                List.of(
                        "tickets",
                        "ticket_messages",
                        "ticket_status_changes",
                        "ticket_slas",
                        "ticket_sla_timers",
                        "ticket_assignments"));
        export.put("ticket_attachments", jdbc.sql("""
                                select id, ticket_id, file_name, content_type, size_bytes, created_at
                                from ticket_attachments where customer_id = ? order by id""").param(customerId).query().listOfRows());
        return export;
    }

    @Override
    public void erase(ErasedCustomer customer) {
        rows.delete(
                customer.id(),
                "ticket_keys",
                "ticket_sla_timers",
                "ticket_slas",
                "dispatch_queue",
                "ticket_assignments",
                "ticket_attachments",
                "ticket_status_changes",
                "ticket_messages",
                "tickets");
    }

    @Override
    public Set<Long> activeSince(Instant since, List<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                        select distinct customer_id from ticket_messages
                        where customer_id = any (?) and author_kind = 'CUSTOMER' and created_at >= ?""")
                .params(customerIds.toArray(Long[]::new), java.sql.Timestamp.from(since))
                .query(Long.class)
                .list());
    }
}
