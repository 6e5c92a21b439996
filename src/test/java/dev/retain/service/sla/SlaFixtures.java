package dev.retain.service.sla;

import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.service.NewTicket;
import dev.retain.service.Ticket;
import dev.retain.service.TicketCategories;
import dev.retain.service.TicketChannel;
import dev.retain.service.TicketPriority;
import dev.retain.service.Tickets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Customers, categories, policies and tickets for SLA tests, each named apart so tests do not meet; a bean of the
 * SLA tests' context only (imported by {@link SlaTest}).
 */
class SlaFixtures {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final String token = Long.toString(System.nanoTime(), 36);
    private final Customers customers;
    private final Tickets tickets;
    private final TicketCategories categories;
    private final SlaPolicies policies;
    private final MovableClock clock;

    SlaFixtures(
            Customers customers,
            Tickets tickets,
            TicketCategories categories,
            SlaPolicies policies,
            MovableClock clock) {
        this.customers = customers;
        this.tickets = tickets;
        this.categories = categories;
        this.policies = policies;
        this.clock = clock;
    }

    void at(String localShanghai) {
        clock.set(LocalDateTime.parse(localShanghai).atZone(SHANGHAI).toInstant());
    }

    Customer aCustomer() {
        int n = SEQUENCE.incrementAndGet();
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                "服务客户" + token + "-" + n,
                null,
                "sla-" + n + "-" + token + "@example.com",
                null,
                null,
                "上海",
                null,
                null,
                null,
                null,
                null,
                "sla-test",
                Map.of()));
    }

    /** A category of its own, so the policy made for it covers this test's tickets only. */
    long aCategory() {
        int n = SEQUENCE.incrementAndGet();
        return categories.create("类别" + token + n, "category " + token + n).id();
    }

    SlaPolicy aPolicyFor(long categoryId, Integer first, Integer next, Integer resolution) {
        return policies.create(new SlaPolicyDraft(
                "policy " + token + "-" + SEQUENCE.incrementAndGet(),
                null,
                List.of(),
                List.of(categoryId),
                List.of(),
                null,
                null,
                first,
                next,
                resolution,
                true,
                true,
                80,
                true));
    }

    List<Ticket> ticketsOf(long customerId) {
        return tickets.ofCustomer(customerId, 50);
    }

    Ticket aTicket(long categoryId) {
        return aTicket(categoryId, aCustomer().id(), null, null);
    }

    Ticket aTicket(long categoryId, long customerId, Long assigneeId, Long teamId) {
        return tickets.open(new NewTicket(
                customerId,
                null,
                null,
                null,
                "坏了 " + token,
                "收到的货坏了",
                TicketChannel.API,
                categoryId,
                TicketPriority.NORMAL,
                assigneeId,
                teamId,
                null,
                null,
                null,
                null));
    }
}
