package dev.retain.sales;

/** What happened to an opportunity: created in a stage, moved to another, won or lost. */
public enum OpportunityMoveKind {
    CREATED,
    MOVED,
    WON,
    LOST
}
