package dev.retain.service;

import dev.retain.journeys.JourneyAction;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The journey action {@code create_ticket}: opens a ticket for the customer with {@code params.subject} and
 * {@code params.body} (and optionally {@code params.priority}, {@code params.categoryId}), so the desk calls, say, a
 * detractor or a VIP whose order went wrong. Keyed by the enrolment's step, so a step run again after a crash opens
 * one ticket. The desk's call reaches the customer, so held-out entrants get none.
 */
@Component
class CreateTicketAction implements JourneyAction {

    private final Tickets tickets;

    CreateTicketAction(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public String type() {
        return "create_ticket";
    }

    @Override
    public boolean reachesCustomer() {
        return true;
    }

    @Override
    public List<String> problems(JsonNode params) {
        List<String> problems = new ArrayList<>();
        String subject = params.path("subject").asString("").strip();
        if (subject.isEmpty() || subject.length() > Tickets.MAX_SUBJECT) {
            problems.add("subject: 1 to " + Tickets.MAX_SUBJECT + " characters");
        }
        String body = params.path("body").asString("").strip();
        if (body.isEmpty() || body.length() > Tickets.MAX_BODY) {
            problems.add("body: 1 to " + Tickets.MAX_BODY + " characters");
        }
        String priority = params.path("priority").asString("");
        if (!priority.isEmpty()) {
            try {
                TicketPriority.valueOf(priority);
            } catch (IllegalArgumentException e) {
                problems.add("priority: one of LOW, NORMAL, HIGH, URGENT");
            }
        }
        return problems;
    }

    @Override
    public void run(ActionContext context) {
        JsonNode params = context.params();
        String priority = params.path("priority").asString("");
        tickets.open(
                new NewTicket(
                        context.customerId(),
                        null,
                        null,
                        null,
                        params.path("subject").asString(""),
                        params.path("body").asString(""),
                        TicketChannel.AGENT,
                        params.path("categoryId").isIntegralNumber()
                                ? params.path("categoryId").asLong()
                                : null,
                        priority.isEmpty() ? null : TicketPriority.valueOf(priority),
                        null,
                        null,
                        null,
                        null,
                        List.of("journey"),
                        null),
                "journey:" + context.idempotencyKey());
    }
}
