package dev.retain.platform;

/**
 * Work that background threads take up when it is due (journey steps, messages to send, customers to re-evaluate).
 * Calling it runs one round at once: the demo, whose clock it moves through months of the company's past, runs every
 * such work until none is left before moving on.
 */
public interface DueWork {

    /** Runs one round of what is due now; returns how many items it handled, 0 when nothing was due. */
    int runDue();
}
