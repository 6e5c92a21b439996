package dev.retain.segments;

import java.util.Map;

/** A customer who entered or left an audience, with the values that decided it (field label → value). */
public record AudienceMember(long customerId, Map<String, Object> reason) {}
