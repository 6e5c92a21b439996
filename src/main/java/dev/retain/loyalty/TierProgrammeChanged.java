package dev.retain.loyalty;

/** The tiers or how members qualify changed: every member is placed again, moving up where they now qualify. */
public record TierProgrammeChanged() {}
