package dev.retain.customers.web;

import dev.retain.customers.CustomFieldType;
import dev.retain.customers.CustomFields;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins define the custom fields every customer has. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class CustomFieldPageController {

    private final CustomFields customFields;

    CustomFieldPageController(CustomFields customFields) {
        this.customFields = customFields;
    }

    @GetMapping("/admin/custom-fields")
    String list(Model model) {
        model.addAttribute("definitions", customFields.definitions());
        model.addAttribute("types", CustomFieldType.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "customers/custom-fields";
    }

    @PostMapping("/admin/custom-fields")
    String define(
            @RequestParam String key,
            @RequestParam String label,
            @RequestParam CustomFieldType type,
            @RequestParam(defaultValue = "") String options,
            @RequestParam(defaultValue = "false") boolean required,
            Model model) {
        List<String> optionList = Arrays.asList(options.split("[,，\\n]"));
        try {
            customFields.define(new CustomFields.NewField(key, label, type, optionList, required));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
            return list(model);
        } catch (ConflictException e) {
            model.addAttribute("errors", Map.of("key", e.getMessage()));
            return list(model);
        }
        return "redirect:/admin/custom-fields";
    }

    @PostMapping("/admin/custom-fields/{id}/delete")
    String remove(@PathVariable long id) {
        customFields.remove(id);
        return "redirect:/admin/custom-fields";
    }
}
