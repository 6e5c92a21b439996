package dev.retain.messaging;

import java.util.List;

/** A template rendered for a real customer, as they would receive it (without tracking); {@code html} for email. */
public record Preview(
        long customerId, String recipient, String subject, String body, boolean html, List<String> unknownVariables) {}
