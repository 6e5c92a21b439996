package dev.retain.platform.apikeys;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import java.util.EnumSet;
import java.util.List;
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

    ApiKeyPageController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @GetMapping("/admin/api-keys")
    String list(Model model) {
        model.addAttribute("keys", apiKeys.list());
        model.addAttribute("allRoles", Role.values());
        return "platform/api-keys";
    }

    @PostMapping("/admin/api-keys")
    String create(
            @RequestParam String name,
            @RequestParam(required = false) List<Role> roles,
            Model model,
            RedirectAttributes redirect) {
        try {
            var created = apiKeys.create(name, roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
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
