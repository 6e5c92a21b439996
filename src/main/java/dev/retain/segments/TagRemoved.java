package dev.retain.segments;

import java.time.Instant;
import java.util.List;

/**
 * A tag was removed from customers, with the values that decided it for each. Published after each evaluation or manual change, at most
 * 1,000 customers per event.
 */
public record TagRemoved(long tagId, String tag, Instant at, List<AudienceMember> members) {}
