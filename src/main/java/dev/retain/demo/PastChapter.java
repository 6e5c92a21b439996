package dev.retain.demo;

import java.util.List;

/**
 * One module's part of the demo company's past. The past is played day by day on a moved clock, through the modules'
 * own services, from the day the company started using Retain until today; each chapter sets up what the company
 * switched on and acts as its people and customers did. A new module adds its past with a chapter of its own, in a
 * package of its own under {@code dev.retain.demo}.
 */
public interface PastChapter {

    /** Chapters act in this order on each day (smaller first). */
    default int order() {
        return 0;
    }

    /** The first day: what the company set up when it started with Retain. */
    default void adopt(PastDay day) {}

    /** One day of the company's life with Retain; the clock stands at the start of business hours. */
    void live(PastDay day);

    /** What this chapter generated, one line each, printed when the demo is ready. */
    List<String> generated();
}
