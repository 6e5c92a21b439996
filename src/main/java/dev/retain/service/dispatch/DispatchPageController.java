package dev.retain.service.dispatch;

import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.Role;
import dev.retain.platform.Team;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.service.TicketCategories;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * Service → Dispatch: the rules in order, each team's strategy, cap and calendar, each agent's duty, cap and skills,
 * and the queue with how long each ticket has waited. Agents toggle their own duty from the ticket list.
 */
@Controller
class DispatchPageController {

    /** An agent as the page lists them, with their team and settings. */
    record AgentRow(UserAccount user, String teamName, AgentDispatch settings) {}

    private final DispatchRules rules;
    private final DispatchSettings settings;
    private final Teams teams;
    private final UserAccounts users;
    private final BusinessCalendars calendars;
    private final TicketCategories categories;

    DispatchPageController(
            DispatchRules rules,
            DispatchSettings settings,
            Teams teams,
            UserAccounts users,
            BusinessCalendars calendars,
            TicketCategories categories) {
        this.rules = rules;
        this.settings = settings;
        this.teams = teams;
        this.users = users;
        this.calendars = calendars;
        this.categories = categories;
    }

    @GetMapping("/service/dispatch")
    @PreAuthorize(DispatchAccess.MANAGE)
    String show(Model model) {
        List<Team> allTeams = teams.list();
        Map<Long, String> teamNames = allTeams.stream().collect(Collectors.toMap(Team::id, Team::name));
        Map<Long, TeamDispatch> teamSettings = new LinkedHashMap<>();
        for (Team team : allTeams) {
            teamSettings.put(team.id(), settings.team(team.id()));
        }
        List<AgentRow> agents = users.withAnyRole(Set.of(Role.SERVICE, Role.MANAGER, Role.ADMIN)).stream()
                .filter(UserAccount::enabled)
                .map(u -> new AgentRow(u, teams.of(u.id()).map(Team::name).orElse(null), settings.agent(u.id())))
                .toList();
        model.addAttribute("rules", rules.all());
        model.addAttribute("teams", allTeams);
        model.addAttribute("teamNames", teamNames);
        model.addAttribute("teamSettings", teamSettings);
        model.addAttribute("strategies", DispatchStrategy.values());
        model.addAttribute("calendars", calendars.list());
        model.addAttribute("categories", categories.active());
        model.addAttribute("agents", agents);
        model.addAttribute("queue", settings.queue());
        return "service/dispatch";
    }

    @PostMapping("/service/dispatch/rules")
    @PreAuthorize(DispatchAccess.MANAGE)
    String addRule(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String condition,
            @RequestParam(required = false) Long teamId,
            @RequestParam(defaultValue = "false") boolean ownerFirst,
            @RequestParam(defaultValue = "") String language,
            RedirectAttributes redirect) {
        attempt(
                redirect,
                () -> rules.add(new DispatchRules.Draft(name, condition, teamId, ownerFirst, language, true)));
        return "redirect:/service/dispatch#rules";
    }

    @PostMapping("/service/dispatch/rules/{id}/move")
    @PreAuthorize(DispatchAccess.MANAGE)
    String moveRule(
            @PathVariable long id, @RequestParam(defaultValue = "true") boolean up, RedirectAttributes redirect) {
        attempt(redirect, () -> rules.move(id, up));
        return "redirect:/service/dispatch#rules";
    }

    @PostMapping("/service/dispatch/rules/{id}/delete")
    @PreAuthorize(DispatchAccess.MANAGE)
    String deleteRule(@PathVariable long id, RedirectAttributes redirect) {
        attempt(redirect, () -> {
            rules.delete(id);
            return id;
        });
        return "redirect:/service/dispatch#rules";
    }

    @PostMapping("/service/dispatch/teams/{teamId}")
    @PreAuthorize(DispatchAccess.MANAGE)
    String setTeam(
            @PathVariable long teamId,
            @RequestParam(defaultValue = "false") boolean autoAssign,
            @RequestParam(defaultValue = "") String strategy,
            @RequestParam(required = false) Integer defaultCap,
            @RequestParam(required = false) Long calendarId,
            RedirectAttributes redirect) {
        attempt(redirect, () -> {
            if (defaultCap == null) {
                throw new InvalidInputException("defaultCap", "is empty");
            }
            return settings.setTeam(new TeamDispatch(
                    teamId, autoAssign, DispatchApiController.strategy(strategy), defaultCap, calendarId));
        });
        return "redirect:/service/dispatch#teams";
    }

    @PostMapping("/service/dispatch/agents/{userId}")
    @PreAuthorize(DispatchAccess.MANAGE)
    String setAgent(
            @PathVariable long userId,
            @RequestParam(defaultValue = "false") boolean onDuty,
            @RequestParam(required = false) Integer cap,
            @RequestParam(required = false) List<Long> categories,
            @RequestParam(defaultValue = "") String languages,
            RedirectAttributes redirect) {
        List<String> spoken = Arrays.stream(languages.split("[,，\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        attempt(redirect, () -> settings.setAgent(new AgentDispatch(userId, onDuty, cap, categories, spoken)));
        return "redirect:/service/dispatch#agents";
    }

    /** The signed-in agent's own duty, from the ticket list. */
    @PostMapping("/service/dispatch/duty")
    @PreAuthorize(DispatchAccess.AGENT)
    String setDuty(@RequestParam(defaultValue = "false") boolean onDuty, RedirectAttributes redirect) {
        users.current().ifPresent(me -> attempt(redirect, () -> settings.setDuty(me.id(), onDuty)));
        return "redirect:/tickets";
    }

    private static void attempt(RedirectAttributes redirect, Supplier<?> change) {
        try {
            change.get();
            redirect.addFlashAttribute("message", "service.dispatch.saved");
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
