package dev.retain.platform;

import java.util.Set;

/**
 * An entry in the sidebar. Each module declares its own as beans, so the navigation shows the modules that exist.
 * {@code order} sorts the entries within their group. {@code roles} must be exactly the roles the page's GET handler
 * lets in (empty means every signed-in user), so no one is shown a link that answers "forbidden".
 */
public record NavigationItem(NavigationGroup group, String path, String messageKey, int order, Set<Role> roles) {

    public NavigationItem(NavigationGroup group, String path, String messageKey, int order) {
        this(group, path, messageKey, order, Set.of());
    }

    public boolean visibleTo(Set<Role> userRoles) {
        return roles.isEmpty() || roles.stream().anyMatch(userRoles::contains);
    }
}
