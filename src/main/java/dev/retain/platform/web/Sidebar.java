package dev.retain.platform.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sidebar one user sees: the groups in their order, each with the entries that user's roles may open, and which
 * entry the current page belongs to. Groups left without an entry are not shown.
 */
public record Sidebar(List<Section> sections, String activePath) {

    public record Section(NavigationGroup group, List<NavigationItem> items) {}

    static Sidebar of(List<NavigationItem> all, Set<Role> roles, String currentPath) {
        Map<NavigationGroup, List<NavigationItem>> byGroup = all.stream()
                .filter(item -> item.visibleTo(roles))
                .sorted(Comparator.comparingInt(NavigationItem::order).thenComparing(NavigationItem::path))
                .collect(Collectors.groupingBy(
                        NavigationItem::group, () -> new EnumMap<>(NavigationGroup.class), Collectors.toList()));
        List<Section> sections = byGroup.entrySet().stream()
                .sorted(Comparator.comparingInt(entry -> entry.getKey().order()))
                .map(entry -> new Section(entry.getKey(), entry.getValue()))
                .toList();
        return new Sidebar(
                sections,
                activePath(byGroup.values().stream().flatMap(List::stream).toList(), currentPath));
    }

    public boolean isActive(NavigationItem item) {
        return item.path().equals(activePath);
    }

    /** The longest entry path the current page lies under, so /customers/duplicates is not also /customers. */
    private static String activePath(List<NavigationItem> items, String currentPath) {
        return items.stream()
                .map(NavigationItem::path)
                .filter(path -> lies(currentPath, path))
                .max(Comparator.comparingInt(String::length))
                .orElse(null);
    }

    private static boolean lies(String currentPath, String path) {
        if (currentPath == null) {
            return false;
        }
        if (path.equals("/")) {
            return currentPath.equals("/");
        }
        return currentPath.equals(path) || currentPath.startsWith(path + "/");
    }
}
