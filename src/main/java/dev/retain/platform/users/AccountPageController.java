package dev.retain.platform.users;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WeakPasswordException;
import dev.retain.platform.WrongPasswordException;
import dev.retain.platform.signin.AccountSessions;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A signed-in user changes their own password (from the user menu, or because an admin's reset requires it). Their
 * other sessions end; this one is kept.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class AccountPageController {

    private final UserAccounts users;
    private final AccountSessions sessions;

    AccountPageController(UserAccounts users, AccountSessions sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @GetMapping("/account/password")
    String form(Principal principal, Model model) {
        model.addAttribute(
                "mustChange",
                users.findByUsername(principal.getName())
                        .map(user -> user.mustChangePassword())
                        .orElse(false));
        if (!model.containsAttribute("errorKeys")) {
            model.addAttribute("errorKeys", Map.of());
        }
        return "platform/change-password";
    }

    @PostMapping("/account/password")
    String change(
            @RequestParam String currentPassword,
            @RequestParam String newPassword,
            @RequestParam String confirmPassword,
            Principal principal,
            HttpSession session,
            Model model,
            RedirectAttributes redirect) {
        try {
            if (!newPassword.equals(confirmPassword)) {
                model.addAttribute("errorKeys", Map.of("confirmPassword", "account.password.mismatch"));
                throw new InvalidInputException("confirmPassword", "does not match");
            }
            users.changePassword(principal.getName(), currentPassword, newPassword);
        } catch (InvalidInputException e) {
            if (e instanceof WrongPasswordException) {
                model.addAttribute("errorKeys", Map.of("currentPassword", "account.password.wrongCurrent"));
            } else if (e instanceof WeakPasswordException weak) {
                model.addAttribute("errorKeys", Map.of("newPassword", "password.rule." + weak.rule()));
            } else if (!model.containsAttribute("errorKeys")) {
                model.addAttribute("errorKeys", Map.of("newPassword", "account.password.sameAsCurrent"));
            }
            return form(principal, model);
        }
        sessions.remember(session, principal.getName());
        redirect.addFlashAttribute("message", "account.password.changed");
        return "redirect:/";
    }
}
