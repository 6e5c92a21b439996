package dev.retain.sales.web;

import dev.retain.customers.CustomFields;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import dev.retain.platform.Role;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.ViewerScope;
import dev.retain.sales.Pool;
import dev.retain.sales.PoolClaims;
import dev.retain.sales.PoolCustomers;
import dev.retain.sales.PoolCustomers.WaitingCustomer;
import dev.retain.sales.PoolHiddenField;
import dev.retain.sales.PoolReclaims;
import dev.retain.sales.Pools;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pool pages: the pools one may see into with one's own customers due back soon, a pool's waiting customers to
 * claim (and, for managers and the pool's admins, to assign), and the pool settings for admins.
 */
@Controller
class PoolPageController {

    static final int PAGE_SIZE = 50;
    static final int DUE_WITHIN_DAYS = 7;

    private final Pools pools;
    private final PoolCustomers waiting;
    private final PoolClaims claims;
    private final PoolReclaims reclaims;
    private final UserAccounts users;
    private final Teams teams;
    private final BusinessCalendars calendars;
    private final CustomFields customFields;

    PoolPageController(
            Pools pools,
            PoolCustomers waiting,
            PoolClaims claims,
            PoolReclaims reclaims,
            UserAccounts users,
            Teams teams,
            BusinessCalendars calendars,
            CustomFields customFields) {
        this.pools = pools;
        this.waiting = waiting;
        this.claims = claims;
        this.reclaims = reclaims;
        this.users = users;
        this.teams = teams;
        this.calendars = calendars;
        this.customFields = customFields;
    }

    @GetMapping("/sales/pools")
    @PreAuthorize(PoolApiController.POOL_USERS)
    String list(Model model) {
        UserAccount me = me();
        model.addAttribute(
                "pools",
                pools.visibleTo(me).stream()
                        .map(pool -> new PoolCard(
                                pool, waiting.waitingIn(pool.id(), null, 0, 1).total()))
                        .toList());
        model.addAttribute("due", reclaims.dueFor(me.id(), DUE_WITHIN_DAYS));
        model.addAttribute("dueWithin", DUE_WITHIN_DAYS);
        model.addAttribute("leader", leads(me));
        return "sales/pools";
    }

    /** A pool on the list, with how many customers wait in it. */
    record PoolCard(Pool pool, long waiting) {}

    @GetMapping("/sales/pools/{id}")
    @PreAuthorize(PoolApiController.POOL_USERS)
    String pool(
            @PathVariable long id,
            @RequestParam(required = false) String text,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        UserAccount me = me();
        Pool pool = pools.findFor(me, id);
        model.addAttribute("pool", pool);
        model.addAttribute("text", text);
        PageOf<WaitingCustomer> customers = waiting.waitingIn(id, text, page, PAGE_SIZE);
        model.addAttribute("customers", customers);
        model.addAttribute(
                "previousOwners",
                users.displayNames(customers.items().stream()
                        .map(WaitingCustomer::previousOwnerId)
                        .filter(Objects::nonNull)
                        .toList()));
        boolean mayAssign = pools.mayAssign(me, id);
        model.addAttribute("mayAssign", mayAssign);
        if (mayAssign) {
            model.addAttribute(
                    "assignees",
                    users.withAnyRole(Set.of(Role.SALES, Role.MANAGER)).stream()
                            .filter(UserAccount::enabled)
                            .toList());
        }
        model.addAttribute("admin", me.roles().contains(Role.ADMIN));
        return "sales/pool";
    }

    @PostMapping("/sales/pools/{id}/claims")
    @PreAuthorize(PoolApiController.POOL_USERS)
    String claim(@PathVariable long id, @RequestParam long customerId, RedirectAttributes redirect) {
        try {
            claims.claim(customerId);
            redirect.addFlashAttribute("message", "pools.claimed");
            redirect.addFlashAttribute("claimedId", customerId);
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("poolError", e.getMessage());
        }
        return "redirect:/sales/pools/" + id;
    }

    @PostMapping("/sales/pools/{id}/assignments")
    @PreAuthorize(PoolApiController.POOL_USERS)
    String assign(
            @PathVariable long id,
            @RequestParam(required = false) List<Long> customerIds,
            @RequestParam long ownerId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        try {
            int assigned = claims.assign(customerIds, ownerId, reason).size();
            redirect.addFlashAttribute("poolMessage", assigned);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "poolError", String.join("; ", e.fieldErrors().values()));
        } catch (AccessDeniedException | NotFoundException e) {
            redirect.addFlashAttribute("poolError", e.getMessage());
        }
        return "redirect:/sales/pools/" + id;
    }

    @PostMapping("/sales/pools/reclaims")
    @PreAuthorize(PoolApiController.LEADERS)
    String reclaim(RedirectAttributes redirect) {
        // the company's run, whoever starts it: it looks at every owned customer, not only those the starter sees
        PoolReclaims.Result result = ViewerScope.EVERYTHING.within(reclaims::run);
        redirect.addFlashAttribute("reclaimed", result);
        return "redirect:/sales/pools";
    }

    @GetMapping("/sales/pools/new")
    @PreAuthorize("hasRole('ADMIN')")
    String create(Model model) {
        return settings(model, null, PoolSettingsForm.Fields.empty(), null);
    }

    @PostMapping("/sales/pools")
    @PreAuthorize("hasRole('ADMIN')")
    String create(PoolSettingsForm.Fields fields, Model model) {
        try {
            Pool pool = pools.create(PoolSettingsForm.settings(fields));
            return "redirect:/sales/pools/" + pool.id();
        } catch (InvalidInputException e) {
            return settings(model, null, fields, e);
        } catch (ConflictException e) {
            return settings(model, null, fields, new InvalidInputException("name", e.getMessage()));
        }
    }

    @GetMapping("/sales/pools/{id}/settings")
    @PreAuthorize("hasRole('ADMIN')")
    String edit(@PathVariable long id, Model model) {
        return settings(model, pools.find(id), PoolSettingsForm.Fields.of(pools.find(id)), null);
    }

    @PostMapping("/sales/pools/{id}/settings")
    @PreAuthorize("hasRole('ADMIN')")
    String update(@PathVariable long id, PoolSettingsForm.Fields fields, Model model) {
        try {
            pools.update(id, PoolSettingsForm.settings(fields));
            return "redirect:/sales/pools/" + id;
        } catch (InvalidInputException e) {
            return settings(model, pools.find(id), fields, e);
        } catch (ConflictException e) {
            return settings(model, pools.find(id), fields, new InvalidInputException("name", e.getMessage()));
        }
    }

    @PostMapping("/sales/pools/{id}/delete")
    @PreAuthorize("hasRole('ADMIN')")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        try {
            pools.delete(id);
            return "redirect:/sales/pools";
        } catch (ConflictException e) {
            redirect.addFlashAttribute("poolError", e.getMessage());
            return "redirect:/sales/pools/" + id + "/settings";
        }
    }

    private String settings(Model model, Pool pool, PoolSettingsForm.Fields fields, InvalidInputException error) {
        model.addAttribute("pool", pool);
        model.addAttribute("fields", fields);
        model.addAttribute("errors", error == null ? Map.of() : error.fieldErrors());
        model.addAttribute("calendars", calendars.list());
        model.addAttribute("customFields", customFields.definitions());
        model.addAttribute("users", users.list());
        model.addAttribute("teams", teams.list());
        model.addAttribute("hiddenFields", PoolHiddenField.values());
        return "sales/pool-settings";
    }

    private static boolean leads(UserAccount me) {
        return me.roles().contains(Role.ADMIN) || me.roles().contains(Role.MANAGER);
    }

    private UserAccount me() {
        return users.current()
                .orElseThrow(() -> new AccessDeniedException("The pools are for people, not system keys"));
    }
}
