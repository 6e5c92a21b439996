package dev.retain.loyalty;

import java.util.List;

/** The tiers, lowest first, and how members qualify for them. */
public record TierProgramme(TierSettings settings, List<Tier> tiers) {}
