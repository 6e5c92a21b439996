package dev.retain.sales;

/** Where an opportunity stands: still moving through the stages, or closed as won or lost. */
public enum OpportunityStatus {
    OPEN,
    WON,
    LOST;

    public boolean closed() {
        return this != OPEN;
    }
}
