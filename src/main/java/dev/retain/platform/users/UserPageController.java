package dev.retain.platform.users;

import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins list, create, disable and enable users. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class UserPageController {

    private final UserAccounts users;

    UserPageController(UserAccounts users) {
        this.users = users;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("allRoles", Role.values());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new NewUser("", "", "", "", EnumSet.noneOf(Role.class)));
            model.addAttribute("errors", Map.of());
        }
        return "platform/users";
    }

    @PostMapping("/admin/users")
    String create(
            @RequestParam String username,
            @RequestParam String displayName,
            @RequestParam(required = false) String email,
            @RequestParam String password,
            @RequestParam(required = false) List<Role> roles,
            Model model,
            RedirectAttributes redirect) {
        var form = new NewUser(
                username,
                displayName,
                email,
                password,
                roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        try {
            users.create(form);
        } catch (InvalidInputException e) {
            model.addAttribute("form", form);
            model.addAttribute("errors", e.fieldErrors());
            return list(model);
        } catch (ConflictException e) {
            model.addAttribute("form", form);
            model.addAttribute("errors", Map.of("username", e.getMessage()));
            return list(model);
        }
        redirect.addFlashAttribute("message", "users.created");
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled) {
        users.setEnabled(id, enabled);
        return "redirect:/admin/users";
    }
}
