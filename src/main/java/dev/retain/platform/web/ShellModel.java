package dev.retain.platform.web;

import dev.retain.platform.NavigationItem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the navigation the signed-in user may see, and the current path, into every page's model. */
@ControllerAdvice(annotations = Controller.class)
class ShellModel {

    private final List<NavigationItem> items;

    ShellModel(List<NavigationItem> items) {
        this.items = items.stream()
                .sorted(Comparator.comparingInt(NavigationItem::order))
                .toList();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("navigation")
    List<NavigationItem> navigation(Authentication authentication) {
        if (authentication == null) {
            return List.of();
        }
        var authorities = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
        return items.stream()
                .filter(item -> item.roles().isEmpty()
                        || item.roles().stream().anyMatch(role -> authorities.contains(role.authority())))
                .toList();
    }
}
