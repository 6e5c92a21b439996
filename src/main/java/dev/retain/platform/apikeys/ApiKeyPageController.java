package dev.retain.platform.apikeys;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins create API keys (the token is shown once) and revoke them. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class ApiKeyPageController {

    private final ApiKeys apiKeys;
    private final UserAccounts users;

    ApiKeyPageController(ApiKeys apiKeys, UserAccounts users) {
        this.apiKeys = apiKeys;
        this.users = users;
    }

    @GetMapping("/admin/api-keys")
    String list(Model model) {
        model.addAttribute("keys", apiKeys.list());
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
            Model model,
            RedirectAttributes redirect) {
        try {
            var created =
                    apiKeys.create(name, roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles), userId);
            redirect.addFlashAttribute("createdToken", created.token());
            redirect.addFlashAttribute("createdName", created.key().name());
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
            return list(model);
        }
        return "redirect:/admin/api-keys";
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    String revoke(@PathVariable long id) {
        apiKeys.revoke(id);
        return "redirect:/admin/api-keys";
    }
}
