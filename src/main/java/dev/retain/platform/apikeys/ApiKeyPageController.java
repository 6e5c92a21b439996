package dev.retain.platform.apikeys;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins create API keys (the token is shown once, like a rotated key's new one), rotate and revoke them. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class ApiKeyPageController {

    private final ApiKeys apiKeys;
    private final UserAccounts users;
    private final Clock clock;

    ApiKeyPageController(ApiKeys apiKeys, UserAccounts users, Clock clock) {
        this.apiKeys = apiKeys;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/admin/api-keys")
    String list(Model model) {
        model.addAttribute("keys", apiKeys.list());
        model.addAttribute("now", clock.instant());
        model.addAttribute("defaultOverlapHours", apiKeys.defaultOverlap().toHours());
        model.addAttribute("allRoles", Role.values());
        model.addAttribute(
                "users", users.list().stream().filter(UserAccount::enabled).toList());
        model.addAttribute(
                "userNames",
                users.list().stream().collect(Collectors.toMap(UserAccount::id, UserAccount::displayName)));
        return "platform/api-keys";
    }

    @PostMapping("/admin/api-keys")
    String create(
            @RequestParam String name,
            @RequestParam(required = false) List<Role> roles,
            @RequestParam(required = false) Long userId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn,
            Model model,
            RedirectAttributes redirect) {
        try {
            var created = apiKeys.create(
                    name, roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles), userId, expiresOn);
            redirect.addFlashAttribute("createdToken", created.token());
            redirect.addFlashAttribute("createdName", created.key().name());
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
            return list(model);
        }
        return "redirect:/admin/api-keys";
    }

    /** A new token, shown once; the old one works on for the default overlap, or stops at once when asked. */
    @PostMapping("/admin/api-keys/{id}/rotate")
    String rotate(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean atOnce, RedirectAttributes redirect) {
        var rotated = apiKeys.rotate(id, atOnce ? Duration.ZERO : null);
        redirect.addFlashAttribute("createdToken", rotated.token());
        redirect.addFlashAttribute("rotatedName", rotated.key().name());
        redirect.addFlashAttribute("oldTokenUntil", rotated.key().previousTokenUntil());
        return "redirect:/admin/api-keys";
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    String revoke(@PathVariable long id) {
        apiKeys.revoke(id);
        return "redirect:/admin/api-keys";
    }
}
