package dev.retain.platform;

import java.util.Set;

/**
 * An entry in the main navigation. Each module declares its own as beans, so the navigation shows the modules that
 * exist. {@code roles} empty means every signed-in user.
 */
public record NavigationItem(String path, String messageKey, int order, Set<Role> roles) {

    public NavigationItem(String path, String messageKey, int order) {
        this(path, messageKey, order, Set.of());
    }
}
