package dev.retain.service.web;

import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.Teams;
import dev.retain.service.CannedReplies;
import dev.retain.service.DeskSettings;
import dev.retain.service.ServiceSettings;
import dev.retain.service.TicketCategories;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Service → Settings: the reopen days, the attachment cap and default team, the categories and the canned replies. */
@Controller
@PreAuthorize(ServiceAccess.SETTINGS)
class ServiceSettingsPageController {

    private final ServiceSettings settings;
    private final TicketCategories categories;
    private final CannedReplies canned;
    private final Teams teams;

    ServiceSettingsPageController(
            ServiceSettings settings, TicketCategories categories, CannedReplies canned, Teams teams) {
        this.settings = settings;
        this.categories = categories;
        this.canned = canned;
        this.teams = teams;
    }

    @GetMapping("/service/settings")
    String show(Model model) {
        model.addAttribute("settings", settings.current());
        model.addAttribute("categories", categories.all());
        model.addAttribute("cannedReplies", canned.all());
        model.addAttribute("teams", teams.list());
        model.addAttribute("placeholders", CannedReplies.PLACEHOLDERS);
        return "service/settings";
    }

    @PostMapping("/service/settings")
    String update(
            @RequestParam(defaultValue = "-1") int reopenDays,
            @RequestParam(defaultValue = "0") int attachmentMaxKb,
            @RequestParam(required = false) Long defaultTeamId,
            RedirectAttributes redirect) {
        int bytes = (int) Math.min(Integer.MAX_VALUE, (long) attachmentMaxKb * 1024);
        attempt(redirect, () -> settings.update(new DeskSettings(reopenDays, bytes, defaultTeamId)));
        return "redirect:/service/settings";
    }

    @PostMapping("/service/settings/categories")
    String addCategory(
            @RequestParam(defaultValue = "") String nameZh,
            @RequestParam(defaultValue = "") String nameEn,
            RedirectAttributes redirect) {
        attempt(redirect, () -> categories.create(nameZh, nameEn));
        return "redirect:/service/settings#categories";
    }

    @PostMapping("/service/settings/categories/{id}")
    String updateCategory(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String nameZh,
            @RequestParam(defaultValue = "") String nameEn,
            @RequestParam(defaultValue = "false") boolean active,
            RedirectAttributes redirect) {
        attempt(redirect, () -> categories.update(id, nameZh, nameEn, active));
        return "redirect:/service/settings#categories";
    }

    @PostMapping("/service/settings/canned-replies")
    String addCanned(
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            RedirectAttributes redirect) {
        attempt(redirect, () -> canned.create(title, body));
        return "redirect:/service/settings#canned-replies";
    }

    @PostMapping("/service/settings/canned-replies/{id}")
    String updateCanned(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "false") boolean active,
            RedirectAttributes redirect) {
        attempt(redirect, () -> canned.update(id, title, body, active));
        return "redirect:/service/settings#canned-replies";
    }

    private static void attempt(RedirectAttributes redirect, Supplier<?> change) {
        try {
            change.get();
            redirect.addFlashAttribute("message", "service.settings.saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "error",
                    e.fieldErrors().entrySet().stream()
                            .map(error -> error.getKey() + ": " + error.getValue())
                            .collect(Collectors.joining("; ")));
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
    }
}
