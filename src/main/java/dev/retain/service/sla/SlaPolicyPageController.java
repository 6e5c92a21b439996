package dev.retain.service.sla;

import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import dev.retain.service.TicketCategories;
import dev.retain.service.TicketChannel;
import dev.retain.service.TicketPriority;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 服务 → 服务时限 ({@code /service/sla}): the ordered SLA policies for admins and managers — which tickets each covers,
 * its targets in business minutes on a calendar, what pauses it — added, edited and removed; a faulty policy is
 * refused with what was wrong, and nothing is saved.
 */
@Controller
class SlaPolicyPageController {

    private static final String SETTINGS = "hasAnyRole('ADMIN', 'MANAGER')";

    private final SlaPolicies policies;
    private final BusinessCalendars calendars;
    private final TicketCategories categories;
    private final ObjectMapper json;

    SlaPolicyPageController(
            SlaPolicies policies, BusinessCalendars calendars, TicketCategories categories, ObjectMapper json) {
        this.policies = policies;
        this.calendars = calendars;
        this.categories = categories;
        this.json = json;
    }

    @Bean
    static NavigationItem slaPoliciesItem() {
        return new NavigationItem(
                NavigationGroup.SERVICE, "/service/sla", "nav.slaPolicies", 80, Set.of(Role.ADMIN, Role.MANAGER));
    }

    @GetMapping("/service/sla")
    @PreAuthorize(SETTINGS)
    String page(@RequestParam(required = false) Long edit, Model model) {
        List<SlaPolicy> all = policies.list();
        model.addAttribute("policies", all);
        model.addAttribute(
                "editing",
                edit == null
                        ? null
                        : all.stream().filter(p -> p.id() == edit).findFirst().orElse(null));
        model.addAttribute("calendars", calendars.list());
        model.addAttribute("categories", categories.all());
        model.addAttribute(
                "categoryNames", categories.all().stream().collect(Collectors.toMap(c -> c.id(), c -> c.nameZh())));
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("channels", TicketChannel.values());
        return "service/sla";
    }

    @PostMapping("/service/sla")
    @PreAuthorize(SETTINGS)
    String create(PolicyForm form, RedirectAttributes redirect) {
        return attempt(redirect, null, () -> policies.create(form.draft(json)));
    }

    @PostMapping("/service/sla/{id}")
    @PreAuthorize(SETTINGS)
    String update(@PathVariable long id, PolicyForm form, RedirectAttributes redirect) {
        return attempt(redirect, id, () -> policies.update(id, form.draft(json)));
    }

    @PostMapping("/service/sla/{id}/delete")
    @PreAuthorize(SETTINGS)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, null, () -> {
            policies.delete(id);
            return null;
        });
    }

    /** The form's fields as posted; empty numbers are no target. */
    record PolicyForm(
            String name,
            Integer position,
            List<String> priorities,
            List<Long> categoryIds,
            List<String> channels,
            String customerCondition,
            Long calendarId,
            Integer firstResponseMinutes,
            Integer nextResponseMinutes,
            Integer resolutionMinutes,
            Boolean pauseWhenPending,
            Boolean pauseWhenOnHold,
            Integer warnPercent,
            Boolean active) {

        SlaPolicyDraft draft(ObjectMapper json) {
            JsonNode condition = null;
            if (customerCondition != null && !customerCondition.isBlank()) {
                try {
                    condition = json.readTree(customerCondition);
                } catch (JacksonException e) {
                    throw new InvalidInputException(
                            "customerCondition",
                            "is not a condition in JSON, e.g. {\"field\": \"loyalty.tier\", \"op\":"
                                    + " \"eq\", \"value\": \"金卡\"}");
                }
            }
            return new SlaPolicyDraft(
                    name,
                    position,
                    priorities,
                    categoryIds,
                    channels,
                    condition,
                    calendarId,
                    firstResponseMinutes,
                    nextResponseMinutes,
                    resolutionMinutes,
                    Boolean.TRUE.equals(pauseWhenPending),
                    Boolean.TRUE.equals(pauseWhenOnHold),
                    warnPercent,
                    Boolean.TRUE.equals(active));
        }
    }

    private static String attempt(RedirectAttributes redirect, Long editing, java.util.function.Supplier<?> change) {
        try {
            change.get();
            redirect.addFlashAttribute("message", "service.settings.saved");
            return "redirect:/service/sla";
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "error",
                    e.fieldErrors().entrySet().stream()
                            .map(error -> error.getKey() + ": " + error.getValue())
                            .sorted()
                            .collect(Collectors.joining("; ")));
        } catch (RuntimeException e) {
            if (!(e instanceof dev.retain.platform.ConflictException
                    || e instanceof dev.retain.platform.NotFoundException)) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return editing == null ? "redirect:/service/sla" : "redirect:/service/sla?edit=" + editing;
    }
}
