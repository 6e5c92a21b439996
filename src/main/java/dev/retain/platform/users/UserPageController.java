package dev.retain.platform.users;

import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.WeakPasswordException;
import dev.retain.platform.signin.SignInAttempts;
import dev.retain.platform.sso.SignInMethods;
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

/** Admins list, create, disable and enable users, give them temporary passwords and lift sign-in locks. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class UserPageController {

    private final UserAccounts users;
    private final SignInAttempts signInAttempts;
    private final SignInMethods signInMethods;

    UserPageController(UserAccounts users, SignInAttempts signInAttempts, SignInMethods signInMethods) {
        this.users = users;
        this.signInAttempts = signInAttempts;
        this.signInMethods = signInMethods;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("locked", signInAttempts.lockedAccounts());
        model.addAttribute("signInMethods", signInMethods.all());
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
            if (e instanceof WeakPasswordException weak) {
                model.addAttribute("passwordRule", weak.rule());
            }
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

    /** The temporary password is shown once, on the page the admin is sent back to, and never stored in clear. */
    @PostMapping("/admin/users/{id}/password-reset")
    String resetPassword(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("resetUser", users.find(id).username());
        redirect.addFlashAttribute("temporaryPassword", users.resetPassword(id));
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/unlock")
    String unlock(@PathVariable long id, RedirectAttributes redirect) {
        users.unlock(id);
        redirect.addFlashAttribute("message", "users.unlocked");
        return "redirect:/admin/users";
    }
}
