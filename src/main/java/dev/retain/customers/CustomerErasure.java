package dev.retain.customers;

import dev.retain.customers.PersonalDataHolder.ErasedCustomer;
import dev.retain.platform.AuditLog;
import dev.retain.platform.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a customer, and the customers merged into them, from every module in one transaction: each module's
 * {@link PersonalDataHolder} deletes or strips its rows (this module's own last), the profiles and their merges go, and
 * the audit log's snapshots of them are redacted. What stays names no one: orders and coupons for the accounts, the
 * journeys' enrolments for their results, a number where the customer was.
 */
@Component
class CustomerErasure {

    private final CustomerTable table;
    private final List<PersonalDataHolder> holders;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    CustomerErasure(
            CustomerTable table,
            List<PersonalDataHolder> holders,
            AuditLog audit,
            JdbcClient jdbc,
            ApplicationEventPublisher events) {
        this.table = table;
        // this module's holder last: the others may still look up what identified the customer
        this.holders = holders.stream()
                .sorted(Comparator.comparing(holder -> holder instanceof CustomersPersonalData))
                .toList();
        this.audit = audit;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    SubjectRequests.Erasure erase(long id, String reason) {
        Customer customer = table.find(id).orElseThrow(() -> new NotFoundException("Customer", id));
        List<Long> ids = jdbc.sql("""
                        with recursive absorbed (id) as (
                            select ?::bigint
                            union
                            select merged.id from customers merged join absorbed on merged.merged_into = absorbed.id)
                        select id from absorbed order by id""").param(customer.id()).query(Long.class).list();
        for (long customerId : ids) {
            ErasedCustomer erased = erasedCustomer(customerId);
            holders.forEach(holder -> holder.erase(erased));
        }
        Long[] idArray = ids.toArray(Long[]::new);
        jdbc.sql("delete from customer_merges where survivor_id = any (?) or merged_id = any (?)")
                .params(idArray, idArray)
                .update();
        jdbc.sql("delete from customers where id = any (?)").param(idArray).update();
        long redacted = jdbc.sql("select audit_redact_customers(?)")
                .param(idArray)
                .query(Long.class)
                .single();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason == null || reason.isBlank() ? null : reason.strip());
        details.put("customers", ids.size());
        details.put("auditEntriesRedacted", redacted);
        audit.record("erase", "customer", id, null, details);
        events.publishEvent(CustomersChanged.of(ids));
        return new SubjectRequests.Erasure(ids, redacted);
    }

    private ErasedCustomer erasedCustomer(long customerId) {
        Set<Identity> identities = new LinkedHashSet<>(table.identitiesOf(customerId));
        Customer customer = table.findStored(customerId).orElseThrow();
        addContact(identities, customer.phone(), customer.email());
        table.contactsOf(customerId).forEach(contact -> addContact(identities, contact.phone(), contact.email()));
        return new ErasedCustomer(customerId, customer.name(), new ArrayList<>(identities));
    }

    private static void addContact(Set<Identity> identities, String phone, String email) {
        if (phone != null) {
            identities.add(new Identity("phone", phone));
        }
        if (email != null) {
            identities.add(new Identity("email", email));
        }
    }
}
