package dev.retain.service.dispatch;

/**
 * One dispatch rule: when its condition (the segments' condition language, JSON) matches a new ticket's customer and
 * the ticket (the {@code ticket.*} fields), the ticket goes to the team; {@code ownerFirst} tries the customer's owner
 * first; {@code language} (or null) is a skill the agent must have.
 */
public record DispatchRule(
        long id,
        int position,
        String name,
        String condition,
        long teamId,
        boolean ownerFirst,
        String language,
        boolean active) {}
