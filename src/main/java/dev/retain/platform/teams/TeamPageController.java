package dev.retain.platform.teams;

import dev.retain.platform.ConflictException;
import dev.retain.platform.DataScope;
import dev.retain.platform.DataScopes;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccounts;
import java.util.EnumMap;
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

/** The teams page (admins): the tree, a new team, who is in which team and who manages it. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class TeamPageController {

    private final Teams teams;
    private final UserAccounts users;
    private final DataScopes scopes;

    TeamPageController(Teams teams, UserAccounts users, DataScopes scopes) {
        this.teams = teams;
        this.users = users;
        this.scopes = scopes;
    }

    @GetMapping("/admin/teams")
    String page(Model model) {
        model.addAttribute("teams", teams.list());
        model.addAttribute("users", users.list());
        model.addAttribute("dataScopes", scopes.byRole());
        model.addAttribute("allDataScopes", DataScope.values());
        return "platform/teams";
    }

    /** The form names each role; an unknown role or scope is refused by the conversion before anything changes. */
    @PostMapping("/admin/teams/data-scopes")
    String setScopes(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Map<Role, DataScope> chosen = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String scope = form.get(role.name());
            if (scope != null) {
                try {
                    chosen.put(role, DataScope.valueOf(scope));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(role.name(), "must be one of OWN, TEAM, ALL");
                }
            }
        }
        return attempt(() -> chosen.forEach(scopes::set), redirect);
    }

    @PostMapping("/admin/teams")
    String create(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) Long parentId,
            RedirectAttributes redirect) {
        return attempt(() -> teams.create(name, parentId), redirect);
    }

    @PostMapping("/admin/teams/{id}")
    String update(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) Long parentId,
            @RequestParam(required = false) List<Long> managerIds,
            RedirectAttributes redirect) {
        return attempt(
                () -> {
                    teams.update(id, name, parentId);
                    teams.setManagers(id, managerIds == null ? List.of() : managerIds);
                },
                redirect);
    }

    @PostMapping("/admin/teams/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        return attempt(() -> teams.delete(id), redirect);
    }

    @PostMapping("/admin/teams/members")
    String place(@RequestParam long userId, @RequestParam(required = false) Long teamId, RedirectAttributes redirect) {
        return attempt(() -> teams.placeUser(userId, teamId), redirect);
    }

    private static String attempt(Runnable change, RedirectAttributes redirect) {
        try {
            change.run();
            redirect.addFlashAttribute("message", "teams.saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "teamError", String.join("; ", e.fieldErrors().values()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("teamError", e.getMessage());
        }
        return "redirect:/admin/teams";
    }
}
