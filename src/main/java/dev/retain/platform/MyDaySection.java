package dev.retain.platform;

import java.util.Set;

/**
 * A section of the "My day" page (我的一天): what the signed-in user has to do today, from the module that owns it —
 * tasks due, follow-ups due, customers going back to the pool soon. Like a {@link HomeBlock}, each module implements
 * its own in its web package, reading through its own scoped services, and the page renders each with one fragment.
 *
 * <p>{@link #PIPELINE_ORDER} is "my pipeline" (商机, opportunities).
 */
public interface MyDaySection {

    int TASKS_ORDER = 10;
    int FOLLOW_UPS_ORDER = 20;
    int POOL_ORDER = 30;
    int PIPELINE_ORDER = 40;

    /** Same meaning as a home block's heading: who sees it, where it stands, its title and what it says when empty. */
    HomeBlock.Heading heading();

    /** The page that acts on the section's content, or null. */
    String link(UserAccount viewer);

    HomeBlock.Content contentFor(UserAccount viewer);

    default boolean visibleTo(Set<Role> roles) {
        return heading().roles().stream().anyMatch(roles::contains);
    }
}
