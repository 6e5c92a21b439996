package dev.retain.service.dispatch;

/**
 * How a team shares its tickets: whether it dispatches at all, its strategy, the default cap of open tickets per agent
 * and the business calendar whose working hours its agents take tickets in (null: at any time).
 */
public record TeamDispatch(
        long teamId, boolean autoAssign, DispatchStrategy strategy, int defaultCap, Long calendarId) {}
