package dev.retain.platform.web;

import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the sidebar the signed-in user may see, the current path and the upload limit into every page's model. */
@ControllerAdvice(annotations = Controller.class)
class ShellModel {

    private final List<NavigationItem> items;
    private final int uploadMaxMegabytes;

    ShellModel(List<NavigationItem> items, @Value("${retain.upload.max-mb}") int uploadMaxMegabytes) {
        this.items = List.copyOf(items);
        this.uploadMaxMegabytes = uploadMaxMegabytes;
    }

    /** For the message shown when {@link UploadSizeLimit} sent a too-large upload back to its page. */
    @ModelAttribute("uploadMaxMegabytes")
    int uploadMaxMegabytes() {
        return uploadMaxMegabytes;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("sidebar")
    Sidebar sidebar(Authentication authentication, HttpServletRequest request) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return new Sidebar(List.of(), null);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return Sidebar.of(items, rolesOf(authentication), path);
    }

    static Set<Role> rolesOf(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
