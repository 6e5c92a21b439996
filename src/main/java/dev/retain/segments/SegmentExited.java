package dev.retain.segments;

import java.time.Instant;
import java.util.List;

/**
 * Customers left a segment, with the values that decided it for each. Published after each evaluation or manual change, at most
 * 1,000 customers per event.
 */
public record SegmentExited(long segmentId, String segment, Instant at, List<AudienceMember> members) {}
