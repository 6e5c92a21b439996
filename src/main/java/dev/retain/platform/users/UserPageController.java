package dev.retain.platform.users;

import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.WeakPasswordException;
import dev.retain.platform.signin.SignInAttempts;
import dev.retain.platform.sso.SignInMethods;
import dev.retain.platform.twofactor.TwoFactor;
import dev.retain.platform.twofactor.TwoFactorPolicy;
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

/**
 * Admins list, create, disable and enable users, give them temporary passwords, lift sign-in locks, reset their
 * two-factor sign-in, and choose the roles that must sign in with two factors.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class UserPageController {

    private final UserAccounts users;
    private final SignInAttempts signInAttempts;
    private final SignInMethods signInMethods;
    private final TwoFactor twoFactor;
    private final TwoFactorPolicy twoFactorPolicy;

    UserPageController(
            UserAccounts users,
            SignInAttempts signInAttempts,
            SignInMethods signInMethods,
            TwoFactor twoFactor,
            TwoFactorPolicy twoFactorPolicy) {
        this.users = users;
        this.signInAttempts = signInAttempts;
        this.signInMethods = signInMethods;
        this.twoFactor = twoFactor;
        this.twoFactorPolicy = twoFactorPolicy;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("locked", signInAttempts.lockedAccounts());
        model.addAttribute("signInMethods", signInMethods.all());
        model.addAttribute("allRoles", Role.staff());
        model.addAttribute("twoFactorRoles", twoFactorPolicy.requiredRoles());
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

    @PostMapping("/admin/users/{id}/two-factor-reset")
    String resetTwoFactor(@PathVariable long id, RedirectAttributes redirect) {
        twoFactor.reset(id);
        redirect.addFlashAttribute("twoFactorResetUser", users.find(id).username());
        return "redirect:/admin/users";
    }

    /** The roles that must sign in with two factors: exactly those ticked. */
    @PostMapping("/admin/users/two-factor-roles")
    String requireTwoFactor(@RequestParam(required = false) List<Role> roles, RedirectAttributes redirect) {
        twoFactorPolicy.require(roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        redirect.addFlashAttribute("message", "users.twoFactorRequired.saved");
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/unlock")
    String unlock(@PathVariable long id, RedirectAttributes redirect) {
        users.unlock(id);
        redirect.addFlashAttribute("message", "users.unlocked");
        return "redirect:/admin/users";
    }
}
