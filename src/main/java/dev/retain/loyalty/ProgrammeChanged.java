package dev.retain.loyalty;

/** The programme's settings changed: orders are earned again against them (an earlier start earns past orders). */
public record ProgrammeChanged(boolean enabled) {}
