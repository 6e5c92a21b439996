package dev.retain.segments;

/** Tags label customers (shown on their page); segments are the audiences journeys and analytics work on. */
public enum AudienceKind {
    TAG,
    SEGMENT
}
