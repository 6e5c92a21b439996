package dev.retain.sales.web;

import dev.retain.commerce.Orders;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PageOf;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.sales.LostReasons;
import dev.retain.sales.Opportunities;
import dev.retain.sales.Opportunity;
import dev.retain.sales.OpportunityProgress;
import dev.retain.sales.OpportunityQuery;
import dev.retain.sales.OpportunityStage;
import dev.retain.sales.OpportunityStages;
import dev.retain.sales.OpportunityStatus;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The opportunity pages: the board (one column per stage, moved by dragging or by a "move to" select that works
 * without script), the list with its filters, and one opportunity with its history, where it is changed, won or lost.
 */
@Controller
@PreAuthorize(OpportunityApiController.SELLERS)
class OpportunityPageController {

    static final int BOARD_LIMIT = 500;
    static final int PAGE_SIZE = 50;
    static final int ORDERS_OFFERED = 20;

    /** One column of the board: a stage, its open opportunities, their amount and what the forecast counts of it. */
    record Column(OpportunityStage stage, List<Opportunity> items, BigDecimal amount, BigDecimal weighted) {}

    private final Opportunities opportunities;
    private final OpportunityProgress progress;
    private final OpportunityStages stages;
    private final LostReasons reasons;
    private final UserAccounts users;
    private final Orders orders;

    OpportunityPageController(
            Opportunities opportunities,
            OpportunityProgress progress,
            OpportunityStages stages,
            LostReasons reasons,
            UserAccounts users,
            Orders orders) {
        this.opportunities = opportunities;
        this.progress = progress;
        this.stages = stages;
        this.reasons = reasons;
        this.users = users;
        this.orders = orders;
    }

    @GetMapping("/opportunities")
    String board(
            @RequestParam(required = false) Long owner,
            @RequestParam(defaultValue = "false") boolean stuck,
            Model model) {
        List<Opportunity> open = opportunities
                .search(new OpportunityQuery(owner, null, OpportunityStatus.OPEN, null, null, stuck), 0, BOARD_LIMIT)
                .items();
        List<Column> columns = new ArrayList<>();
        for (OpportunityStage stage : stages.list()) {
            List<Opportunity> items =
                    open.stream().filter(o -> o.stageId() == stage.id()).toList();
            columns.add(new Column(
                    stage,
                    items,
                    items.stream().map(Opportunity::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                    items.stream().map(Opportunity::weightedAmount).reduce(BigDecimal.ZERO, BigDecimal::add)));
        }
        model.addAttribute("columns", columns);
        model.addAttribute("stages", stages.list());
        model.addAttribute("owners", owners());
        model.addAttribute("owner", owner);
        model.addAttribute("stuck", stuck);
        model.addAttribute(
                "stuckCount", open.stream().filter(Opportunity::stuck).count());
        model.addAttribute("boardQuery", boardQuery(owner, stuck));
        return "sales/opportunities/board";
    }

    @GetMapping("/opportunities/list")
    String list(
            @RequestParam(required = false) Long owner,
            @RequestParam(required = false) Long stage,
            @RequestParam(required = false) OpportunityStatus status,
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth month,
            @RequestParam(defaultValue = "false") boolean stuck,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageOf<Opportunity> result =
                opportunities.search(new OpportunityQuery(owner, stage, status, month, null, stuck), page, PAGE_SIZE);
        model.addAttribute("result", result);
        model.addAttribute("stages", stages.list());
        model.addAttribute("statuses", OpportunityStatus.values());
        model.addAttribute("owners", owners());
        model.addAttribute("owner", owner);
        model.addAttribute("stage", stage);
        model.addAttribute("status", status);
        model.addAttribute("month", month);
        model.addAttribute("stuck", stuck);
        model.addAttribute("pagerQuery", listQuery(owner, stage, status, month, stuck));
        return "sales/opportunities/list";
    }

    @GetMapping("/opportunities/{id}")
    String show(@PathVariable long id, Model model) {
        Opportunity opportunity = opportunities.find(id);
        model.addAttribute("opportunity", opportunity);
        model.addAttribute("history", opportunities.history(id));
        model.addAttribute("stages", stages.list());
        model.addAttribute("reasons", reasons.list());
        model.addAttribute("owners", owners());
        model.addAttribute("orders", orders.recentOf(opportunity.customerId(), ORDERS_OFFERED));
        model.addAttribute("emptyLines", List.of(1, 2, 3));
        return "sales/opportunities/show";
    }

    @PostMapping("/opportunities/{id}/move")
    String move(
            @PathVariable long id,
            @RequestParam(required = false) Long stageId,
            @RequestParam(required = false) Integer version,
            @RequestParam(defaultValue = "") String back,
            @RequestParam(required = false) Long boardOwner,
            @RequestParam(defaultValue = "false") boolean boardStuck,
            RedirectAttributes redirect) {
        attempt(redirect, () -> progress.move(id, stageId == null ? -1 : stageId, version), "sales.opportunity.moved");
        // back to the board as it was filtered, or to the opportunity's page
        return "board".equals(back)
                ? "redirect:/opportunities?" + boardQuery(boardOwner, boardStuck)
                : "redirect:/opportunities/" + id;
    }

    @PostMapping("/opportunities/{id}/win")
    String win(
            @PathVariable long id,
            @RequestParam(defaultValue = "none") String order,
            @RequestParam(required = false) Long orderId,
            @RequestParam(required = false) Integer version,
            RedirectAttributes redirect) {
        var win = new OpportunityProgress.Win("create".equals(order), "link".equals(order) ? orderId : null);
        if ("link".equals(order) && orderId == null) {
            redirect.addFlashAttribute("error", "orderId: choose the order");
            return "redirect:/opportunities/" + id;
        }
        attempt(redirect, () -> progress.win(id, win, version), "sales.opportunity.wonMessage");
        return "redirect:/opportunities/" + id;
    }

    @PostMapping("/opportunities/{id}/lose")
    String lose(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String otherReason,
            @RequestParam(required = false) Integer version,
            RedirectAttributes redirect) {
        String why = otherReason.isBlank() ? reason : otherReason;
        attempt(redirect, () -> progress.lose(id, why, version), "sales.opportunity.lostMessage");
        return "redirect:/opportunities/" + id;
    }

    @PostMapping("/opportunities/{id}")
    String update(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedCloseOn,
            @RequestParam(required = false) Long ownerId,
            @RequestParam(defaultValue = "") String notes,
            @RequestParam(required = false) List<String> lineSku,
            @RequestParam(required = false) List<String> lineName,
            @RequestParam(required = false) List<Integer> lineQuantity,
            @RequestParam(required = false) List<BigDecimal> lineUnitPrice,
            @RequestParam int version,
            RedirectAttributes redirect) {
        var draft = new Opportunities.OpportunityDraft(
                title,
                amount,
                expectedCloseOn,
                ownerId,
                OpportunityForms.lines(lineSku, lineName, lineQuantity, lineUnitPrice),
                notes);
        attempt(redirect, () -> opportunities.update(id, version, draft), "sales.opportunity.saved");
        return "redirect:/opportunities/" + id;
    }

    @PostMapping("/opportunities/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        opportunities.delete(id);
        redirect.addFlashAttribute("message", "sales.opportunity.deleted");
        return "redirect:/opportunities/list";
    }

    /** Opening an opportunity from the customer page's quick action. */
    @PostMapping("/customers/{customerId}/opportunities")
    String create(
            @PathVariable long customerId,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(required = false) Long stageId,
            @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedCloseOn,
            @RequestParam(defaultValue = "") String notes,
            @RequestParam(required = false) List<String> lineSku,
            @RequestParam(required = false) List<String> lineName,
            @RequestParam(required = false) List<Integer> lineQuantity,
            @RequestParam(required = false) List<BigDecimal> lineUnitPrice,
            RedirectAttributes redirect) {
        try {
            opportunities.create(
                    customerId,
                    stageId,
                    new Opportunities.OpportunityDraft(
                            title,
                            amount,
                            expectedCloseOn,
                            null,
                            OpportunityForms.lines(lineSku, lineName, lineQuantity, lineUnitPrice),
                            notes));
            redirect.addFlashAttribute("message", "sales.opportunity.created");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("quickAction", "opportunity");
            redirect.addFlashAttribute(
                    "quickActionError", String.join("; ", e.fieldErrors().values()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("quickAction", "opportunity");
            redirect.addFlashAttribute("quickActionError", e.getMessage());
        }
        return "redirect:/customers/" + customerId;
    }

    /** Does the change; tells what went wrong on the next page rather than failing it. */
    private static void attempt(RedirectAttributes redirect, Supplier<?> change, String done) {
        try {
            change.get();
            redirect.addFlashAttribute("message", done);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "error",
                    e.fieldErrors().entrySet().stream()
                            .map(error -> error.getKey() + ": " + error.getValue())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(e.getMessage()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
    }

    /** Whom an opportunity may belong to: the people who work with them. */
    private List<UserAccount> owners() {
        return users.withAnyRole(Set.of(Role.SALES, Role.MANAGER, Role.ADMIN));
    }

    private static String boardQuery(Long owner, boolean stuck) {
        return (owner == null ? "" : "owner=" + owner) + (stuck ? (owner == null ? "" : "&") + "stuck=true" : "");
    }

    private static String listQuery(Long owner, Long stage, OpportunityStatus status, YearMonth month, boolean stuck) {
        List<String> parts = new ArrayList<>();
        if (owner != null) {
            parts.add("owner=" + owner);
        }
        if (stage != null) {
            parts.add("stage=" + stage);
        }
        if (status != null) {
            parts.add("status=" + status);
        }
        if (month != null) {
            parts.add("month=" + URLEncoder.encode(month.toString(), StandardCharsets.UTF_8));
        }
        if (stuck) {
            parts.add("stuck=true");
        }
        return String.join("&", parts);
    }
}
