package dev.retain.platform;

import java.time.LocalDate;
import java.util.Map;

/**
 * A panel another module adds to the dashboard (the sales funnel and forecast, say), so the dashboard shows figures of
 * modules it knows nothing of. Each module declares a bean in its web package; the dashboard renders every panel's
 * fragment with its data, in {@link #order()}, below its own widgets. The data is computed on the request's thread,
 * within the viewer's data scope, so a panel reading customers' rows counts only those the viewer may see.
 */
public interface DashboardPanel {

    /** The dashboard's period (days in the company's zone, both included) and owner filter ({@code ownerId}, or null). */
    record Filters(LocalDate first, LocalDate last, Long ownerId) {}

    /** Position among the panels, lower first. */
    int order();

    /** The Thymeleaf fragment, e.g. {@code "sales/opportunities/dashboard :: panel"}; it sees {@code data}. */
    String fragment();

    /** What the fragment shows for these filters. */
    Map<String, Object> data(Filters filters);
}
