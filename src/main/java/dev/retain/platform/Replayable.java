package dev.retain.platform;

import java.util.function.Consumer;

/**
 * A source of records that can be read more than once, yielding the same records each time. Bulk loads read it once
 * per target table, so nothing has to be held in memory.
 */
@FunctionalInterface
public interface Replayable<T> {

    void forEach(Consumer<? super T> sink);
}
