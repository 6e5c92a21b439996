package dev.retain.loyalty;

import java.time.Instant;

/** A badge a member earned, when, and the points it gave (0: none). */
public record EarnedBadge(long badgeId, String name, String description, Instant earnedAt, long points) {}
