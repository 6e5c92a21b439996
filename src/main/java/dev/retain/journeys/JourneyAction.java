package dev.retain.journeys;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A kind of action node (send an email, issue a coupon, add a tag, create a task, …). Modules add kinds by declaring a
 * bean; the engine runs it when an enrolment reaches such a node and then follows the node's {@code next}.
 */
public interface JourneyAction {

    /** The node type it runs, e.g. {@code add_tag}. */
    String type();

    /** Whether customers notice it (a message, a coupon): held-out entrants skip those. */
    boolean reachesCustomer();

    /** What is wrong with the node's parameters, as messages; empty when nothing. */
    List<String> problems(JsonNode params);

    /**
     * Does the action for one customer, inside the step's transaction. Anything it sends or issues must carry
     * {@link ActionContext#idempotencyKey()}, so that a step run twice after a crash acts once.
     */
    void run(ActionContext context);

    /** One enrolment at one node. */
    record ActionContext(
            long journeyId,
            long enrolmentId,
            long customerId,
            String nodeId,
            JsonNode params,
            String idempotencyKey,
            String sourceRef) {}
}
