package dev.retain.platform;

import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Whose customers the work on this thread may see and change: everyone's, or those of a few owners and those waiting
 * without an owner in a few pools. A request is bound to its viewer's scope from sign-in to response; the database applies it to
 * every query that thread runs (row-level security, see {@code V35__data_scopes.sql}). Work with no one behind it
 * (scheduled jobs, event listeners) sees everything.
 */
public record ViewerScope(Set<Long> owners, Set<Long> pools, boolean masksWaiting) {

    public static final ViewerScope EVERYTHING = new ViewerScope(null, null, false);

    private static final ThreadLocal<ViewerScope> CURRENT = ThreadLocal.withInitial(() -> EVERYTHING);

    public ViewerScope {
        if ((owners == null) != (pools == null)) {
            throw new IllegalArgumentException("owners and pools are both given, or neither (everything)");
        }
        owners = owners == null ? null : Set.copyOf(owners);
        pools = pools == null ? null : Set.copyOf(pools);
    }

    public static ViewerScope of(Set<Long> owners, Set<Long> pools) {
        return new ViewerScope(owners, pools, false);
    }

    /** The same scope, hiding the fields each pool hides from its members on the customers waiting in it. */
    public ViewerScope maskingWaiting() {
        return new ViewerScope(owners, pools, true);
    }

    /** The scope of the work on this thread. */
    public static ViewerScope current() {
        return CURRENT.get();
    }

    public boolean everything() {
        return owners == null;
    }

    /** The owners as a PostgreSQL array literal, e.g. {@code {3,7}}. */
    public String ownersArray() {
        return array(owners);
    }

    /** The pools as a PostgreSQL array literal. */
    public String poolsArray() {
        return array(pools);
    }

    private static String array(Set<Long> ids) {
        return ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** Runs the work on this thread within this scope, then restores the thread's own. */
    public <T> T within(Supplier<T> work) {
        try (Binding binding = bind()) {
            return work.get();
        }
    }

    /** Binds this scope to the thread until the binding is closed. */
    public Binding bind() {
        ViewerScope outer = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(outer);
    }

    /** Restores the thread's previous scope when closed. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** The same work, carrying this scope to whichever thread runs it. */
    public <T> Supplier<T> carriedTo(Supplier<T> work) {
        return () -> within(work);
    }
}
