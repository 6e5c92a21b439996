package dev.retain.customers.web;

import dev.retain.customers.PersonalDataSettings;
import dev.retain.customers.SensitiveField;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PersonalDataKeys;
import dev.retain.platform.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins mark which fields are sensitive, choose the roles that see them in full, follow the background conversion,
 * and add a new encryption key.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class PersonalDataPageController {

    private final PersonalDataSettings settings;
    private final PersonalDataKeys keys;

    PersonalDataPageController(PersonalDataSettings settings, PersonalDataKeys keys) {
        this.settings = settings;
        this.keys = keys;
    }

    @GetMapping("/admin/personal-data")
    String show(Model model) {
        model.addAttribute("settings", settings.fresh());
        model.addAttribute("conversion", settings.conversion());
        model.addAttribute("fields", SensitiveField.values());
        model.addAttribute("roles", Role.values());
        model.addAttribute("keySource", keys.source());
        model.addAttribute("keyFile", keys.file());
        model.addAttribute("activeKey", keys.activeVersion());
        model.addAttribute("keyVersions", keys.versions());
        return "customers/personal-data";
    }

    @PostMapping("/admin/personal-data")
    String change(
            @RequestParam(name = "sensitive", required = false) List<SensitiveField> sensitive,
            @RequestParam(name = "fullView", required = false) List<Role> fullView,
            Model model,
            RedirectAttributes redirect) {
        try {
            settings.change(set(SensitiveField.class, sensitive), set(Role.class, fullView));
        } catch (InvalidInputException e) {
            model.addAttribute("error", String.join("; ", e.fieldErrors().values()));
            return show(model);
        }
        redirect.addFlashAttribute("message", "personalData.saved");
        return "redirect:/admin/personal-data";
    }

    @PostMapping("/admin/personal-data/rotate-key")
    String rotateKey(Model model, RedirectAttributes redirect) {
        try {
            settings.rotateKey();
        } catch (ConflictException e) {
            model.addAttribute("error", e.getMessage());
            return show(model);
        }
        redirect.addFlashAttribute("message", "personalData.keyAdded");
        return "redirect:/admin/personal-data";
    }

    private static <E extends Enum<E>> Set<E> set(Class<E> type, List<E> values) {
        return values == null || values.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(values);
    }
}
