package dev.retain.customers;

import java.util.Map;

/**
 * A quick action at the top of the customer page (add a tag, create a task, enrol in a journey), contributed by the
 * module that owns it, for the roles that may change customers. The fragment holds a button and a dialog with a form
 * posting to a page endpoint of that module; the endpoint redirects back to the customer page and, when the action
 * failed, sets the flash attributes {@code quickAction} (the action's {@link #id()}) and {@code quickActionError} (what
 * went wrong), which the fragment shows in its dialog. The page's script posts such forms in the background and
 * refreshes the sections and the timeline from the answer.
 */
public interface ProfileAction {

    /** Identifies the action in {@code quickAction}, e.g. "tag". */
    String id();

    /** Position in the row of actions, lower first. */
    int order();

    /** The Thymeleaf fragment, e.g. {@code "tasks/profile :: action"}; it sees {@code data} and {@code customerId}. */
    String fragment();

    /** What the dialog offers for this customer (tags, journeys, …). */
    Map<String, Object> data(long customerId);
}
