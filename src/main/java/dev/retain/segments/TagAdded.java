package dev.retain.segments;

import java.time.Instant;
import java.util.List;

/**
 * A tag was added to customers, with the values that decided it for each. Published after each evaluation or manual change, at most
 * 1,000 customers per event.
 */
public record TagAdded(long tagId, String tag, Instant at, List<AudienceMember> members) {}
