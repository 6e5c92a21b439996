package dev.retain.messaging;

import java.util.Map;

/**
 * A message to send. {@code variables} feed the template ({@code "coupon" -> {code, description}},
 * {@code "recommendations" -> [{sku, name}]}); {@code idempotencyKey} makes a repeated request return the first
 * result; {@code sourceRef} says who asked (e.g. {@code "journey:12:enrolment:345:node:n3"}); only {@code marketing}
 * messages count against the frequency cap and need consent.
 */
public record Outbound(
        Channel channel,
        long customerId,
        long templateId,
        Map<String, Object> variables,
        String idempotencyKey,
        String sourceRef,
        boolean marketing) {

    public Outbound {
        variables = variables == null ? Map.of() : variables;
    }
}
