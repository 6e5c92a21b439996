package dev.retain.loyalty;

import java.util.List;

/** Members moved tier (published with the moves' commit); a welcome coupon follows each upgrade. */
public record TiersChanged(List<TierChange> changes) {}
