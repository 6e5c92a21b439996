package dev.retain.service.web;

import dev.retain.customers.CustomerReviews;
import dev.retain.customers.Customers;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.service.Article;
import dev.retain.service.AuthorKind;
import dev.retain.service.CannedReplies;
import dev.retain.service.KnowledgeBase;
import dev.retain.service.NewTicket;
import dev.retain.service.Ticket;
import dev.retain.service.TicketAttachments;
import dev.retain.service.TicketCategories;
import dev.retain.service.TicketCategory;
import dev.retain.service.TicketChannel;
import dev.retain.service.TicketMessage;
import dev.retain.service.TicketPriority;
import dev.retain.service.TicketQuery;
import dev.retain.service.TicketStatus;
import dev.retain.service.TicketView;
import dev.retain.service.TicketWork;
import dev.retain.service.Tickets;
import dev.retain.service.Visibility;
import dev.retain.service.sla.TicketSlas;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The desk's pages: the ticket list with its views, filters and bulk actions; one ticket with its thread, the reply
 * form (public reply or internal note, canned replies inserted), its controls and merge; and a new ticket logged by an
 * agent (a phone call). Every form posts and comes back with what happened, or what was wrong.
 */
@Controller
class TicketPageController {

    static final int PAGE_SIZE = 50;

    /** Articles suggested beside a ticket. */
    private static final int SUGGESTIONS = 5;

    private final Tickets tickets;
    private final TicketWork work;
    private final TicketCategories categories;
    private final CannedReplies canned;
    private final TicketAttachments attachments;
    private final UserAccounts users;
    private final Customers customers;
    private final CustomerReviews reviews;
    private final KnowledgeBase knowledge;
    private final TicketSlas slas;

    TicketPageController(
            Tickets tickets,
            TicketWork work,
            TicketCategories categories,
            CannedReplies canned,
            TicketAttachments attachments,
            UserAccounts users,
            Customers customers,
            CustomerReviews reviews,
            KnowledgeBase knowledge,
            TicketSlas slas) {
        this.slas = slas;
        this.tickets = tickets;
        this.work = work;
        this.categories = categories;
        this.canned = canned;
        this.attachments = attachments;
        this.users = users;
        this.customers = customers;
        this.reviews = reviews;
        this.knowledge = knowledge;
    }

    @GetMapping("/tickets")
    @PreAuthorize(ServiceAccess.READ)
    String list(
            @RequestParam(required = false) TicketView view,
            @RequestParam(required = false) TicketStatus status,
            @RequestParam(required = false) TicketPriority priority,
            @RequestParam(required = false) Long category,
            @RequestParam(required = false) TicketChannel channel,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model,
            Locale locale) {
        Long viewer = users.current().map(UserAccount::id).orElse(null);
        TicketView shown = view == null ? TicketView.OPEN : view;
        PageOf<Ticket> result = tickets.search(
                new TicketQuery(shown, status, priority, category, channel, null, null, q), viewer, page, PAGE_SIZE);
        model.addAttribute("result", result);
        model.addAttribute("views", TicketView.values());
        model.addAttribute("view", shown);
        model.addAttribute("status", status);
        model.addAttribute("priority", priority);
        model.addAttribute("category", category);
        model.addAttribute("channel", channel);
        model.addAttribute("q", q);
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("channels", TicketChannel.values());
        addNames(model, result.items(), locale);
        model.addAttribute(
                "dueBadges",
                slas.mostPressing(result.items().stream().map(Ticket::id).toList()));
        model.addAttribute("agents", agents());
        model.addAttribute("pagerQuery", query(shown, status, priority, category, channel, q));
        return "service/tickets";
    }

    /** A bulk action on the tickets ticked in the list: assign, set a status or a priority. */
    @PostMapping("/tickets/bulk")
    @PreAuthorize(ServiceAccess.WORK)
    String bulk(
            @RequestParam(required = false) List<Long> ids,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(required = false) Long assigneeId,
            @RequestParam(required = false) TicketStatus status,
            @RequestParam(required = false) TicketPriority priority,
            @RequestParam(defaultValue = "") String back,
            RedirectAttributes redirect) {
        List<Long> chosen = ids == null ? List.of() : ids;
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute("error", "ids: tick at least one ticket");
            return "redirect:/tickets" + back(back);
        }
        TicketWork.BulkResult result;
        switch (action) {
            case "assign" -> result = work.bulkAssign(chosen, assigneeId);
            case "status" -> {
                if (status == null) {
                    redirect.addFlashAttribute("error", "status: choose a status");
                    return "redirect:/tickets" + back(back);
                }
                result = work.bulkStatus(chosen, status);
            }
            case "priority" -> {
                if (priority == null) {
                    redirect.addFlashAttribute("error", "priority: choose a priority");
                    return "redirect:/tickets" + back(back);
                }
                result = work.bulkPriority(chosen, priority);
            }
            default -> {
                redirect.addFlashAttribute("error", "action: choose what to do");
                return "redirect:/tickets" + back(back);
            }
        }
        redirect.addFlashAttribute("message", "service.bulk.done");
        redirect.addFlashAttribute("bulkChanged", result.changed());
        if (!result.refused().isEmpty()) {
            redirect.addFlashAttribute(
                    "error",
                    result.refused().entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        return "redirect:/tickets" + back(back);
    }

    @GetMapping("/tickets/new")
    @PreAuthorize(ServiceAccess.WORK)
    String newTicket(@RequestParam(required = false) Long customerId, Model model, Locale locale) {
        if (customerId != null && !model.containsAttribute("customer")) {
            model.addAttribute("customer", customers.find(customerId));
        }
        model.addAttribute("categories", categories.active());
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("channels", List.of(TicketChannel.PHONE, TicketChannel.AGENT, TicketChannel.EMAIL));
        model.addAttribute("agents", agents());
        model.addAttribute("locale", locale);
        return "service/new-ticket";
    }

    /** A ticket an agent logs: a call, a visit; the customer by id, or by phone or email. */
    @PostMapping("/tickets")
    @PreAuthorize(ServiceAccess.WORK)
    String create(
            @RequestParam(required = false) Long customerId,
            @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "PHONE") TicketChannel channel,
            @RequestParam(required = false) Long categoryId,
            @RequestParam(defaultValue = "NORMAL") TicketPriority priority,
            @RequestParam(required = false) Long assigneeId,
            @RequestParam(defaultValue = "") String tags,
            RedirectAttributes redirect) {
        var draft = new NewTicket(
                customerId,
                phone,
                email,
                name,
                subject,
                body,
                channel,
                categoryId,
                priority,
                assigneeId,
                null,
                null,
                null,
                List.of(tags.split("[,，\\s]+")),
                null);
        try {
            Ticket ticket = tickets.open(draft);
            redirect.addFlashAttribute("message", "service.ticket.created");
            return tickets.findIfVisible(ticket.id()).isPresent()
                    ? "redirect:/tickets/" + ticket.id()
                    : "redirect:/tickets";
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", problems(e));
            redirect.addFlashAttribute("draft", draft);
            return "redirect:/tickets/new" + (customerId == null ? "" : "?customerId=" + customerId);
        }
    }

    /** Opening a ticket from the customer page's quick action. */
    @PostMapping("/customers/{customerId}/tickets")
    @PreAuthorize(ServiceAccess.WORK)
    String createForCustomer(
            @PathVariable long customerId,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "PHONE") TicketChannel channel,
            @RequestParam(required = false) Long categoryId,
            @RequestParam(defaultValue = "NORMAL") TicketPriority priority,
            RedirectAttributes redirect) {
        try {
            tickets.open(new NewTicket(
                    customerId,
                    null,
                    null,
                    null,
                    subject,
                    body,
                    channel,
                    categoryId,
                    priority,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
            redirect.addFlashAttribute("message", "service.ticket.created");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("quickAction", "ticket");
            redirect.addFlashAttribute(
                    "quickActionError", String.join("; ", e.fieldErrors().values()));
        }
        return "redirect:/customers/" + customerId;
    }

    @GetMapping("/tickets/{id}")
    @PreAuthorize(ServiceAccess.READ)
    String show(
            @PathVariable long id,
            @RequestParam(required = false) Long canned,
            @RequestParam(required = false) Long article,
            Model model,
            Locale locale) {
        Ticket ticket = tickets.find(id);
        List<TicketMessage> thread = work.thread(id);
        model.addAttribute("ticket", ticket);
        model.addAttribute("messages", thread);
        model.addAttribute("suggestedArticles", knowledge.suggest(questionOf(ticket, thread), locale, SUGGESTIONS));
        model.addAttribute("history", work.history(id));
        model.addAttribute("merged", work.mergedInto(id));
        model.addAttribute("attachments", attachments.of(id));
        model.addAttribute("sla", slas.of(id).orElse(null));
        model.addAttribute("statuses", ticket.status().next());
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("categories", categories.active());
        model.addAttribute("agents", agents());
        model.addAttribute("cannedReplies", this.canned.active());
        model.addAttribute(
                "customer", customers.findAll(List.of(ticket.customerId())).get(ticket.customerId()));
        model.addAttribute("review", reviews.of(ticket.customerId()).orElse(null));
        model.addAttribute(
                "otherTickets",
                tickets.ofCustomer(ticket.customerId(), 10).stream()
                        .filter(t -> t.id() != id)
                        .toList());
        addNames(model, List.of(ticket), locale);
        if (ticket.mergedInto() != null) {
            model.addAttribute(
                    "mergedIntoTicket",
                    tickets.findIfVisible(ticket.mergedInto()).orElse(null));
        }
        if (canned != null && !model.containsAttribute("replyBody")) {
            String agent = users.current().map(UserAccount::displayName).orElse("");
            this.canned
                    .find(canned)
                    .ifPresent(reply ->
                            model.addAttribute("replyBody", CannedReplies.render(reply.body(), ticket, agent)));
        }
        if (article != null && !model.containsAttribute("replyBody")) {
            Article inserted = knowledge.find(article);
            model.addAttribute("replyBody", inserted.title() + "\n\n" + inserted.body());
            model.addAttribute("replyArticle", inserted.id());
        }
        return "service/ticket";
    }

    /** The article helped answer this ticket: counted once per ticket (an article deleted meanwhile is not). */
    private void countUse(long articleId, long ticketId) {
        try {
            knowledge.recordUse(articleId, ticketId, tickets.find(ticketId).customerId());
        } catch (NotFoundException e) {
            // the reply went out all the same
        }
    }

    /** What the customer asks: the subject and their first message, the start of which finds articles. */
    private static String questionOf(Ticket ticket, List<TicketMessage> thread) {
        String first = thread.stream()
                .filter(message -> message.authorKind() == AuthorKind.CUSTOMER)
                .map(TicketMessage::body)
                .findFirst()
                .orElse("");
        String question = (ticket.subject() + " " + first).strip();
        return question.length() > KnowledgeBase.MAX_QUERY ? question.substring(0, KnowledgeBase.MAX_QUERY) : question;
    }

    @PostMapping("/tickets/{id}/messages")
    @PreAuthorize(ServiceAccess.WORK)
    String reply(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "PUBLIC") Visibility visibility,
            @RequestParam(required = false) Long articleId,
            RedirectAttributes redirect) {
        try {
            work.reply(id, body, visibility);
            if (articleId != null) {
                countUse(articleId, id);
            }
            redirect.addFlashAttribute(
                    "message", visibility == Visibility.PUBLIC ? "service.reply.sent" : "service.note.added");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", problems(e));
            redirect.addFlashAttribute("replyBody", body);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("replyBody", body);
        }
        return back(id);
    }

    @PostMapping("/tickets/{id}/status")
    @PreAuthorize(ServiceAccess.WORK)
    String status(
            @PathVariable long id, @RequestParam(required = false) TicketStatus status, RedirectAttributes redirect) {
        attempt(redirect, () -> work.changeStatus(id, status), "service.ticket.saved");
        return back(id);
    }

    @PostMapping("/tickets/{id}/assignee")
    @PreAuthorize(ServiceAccess.WORK)
    String assign(@PathVariable long id, @RequestParam(required = false) Long assigneeId, RedirectAttributes redirect) {
        attempt(redirect, () -> work.assign(id, assigneeId), "service.ticket.saved");
        return back(id);
    }

    @PostMapping("/tickets/{id}/priority")
    @PreAuthorize(ServiceAccess.WORK)
    String priority(
            @PathVariable long id,
            @RequestParam(required = false) TicketPriority priority,
            RedirectAttributes redirect) {
        attempt(redirect, () -> work.setPriority(id, priority), "service.ticket.saved");
        return back(id);
    }

    @PostMapping("/tickets/{id}/category")
    @PreAuthorize(ServiceAccess.WORK)
    String category(
            @PathVariable long id, @RequestParam(required = false) Long categoryId, RedirectAttributes redirect) {
        attempt(redirect, () -> work.setCategory(id, categoryId), "service.ticket.saved");
        return back(id);
    }

    /** Merges this ticket into the one named by its number ({@code #10023} or {@code 10023}). */
    @PostMapping("/tickets/{id}/merge")
    @PreAuthorize(ServiceAccess.WORK)
    String merge(@PathVariable long id, @RequestParam(defaultValue = "") String into, RedirectAttributes redirect) {
        String digits = into.strip().startsWith("#") ? into.strip().substring(1) : into.strip();
        var survivor = digits.matches("\\d{1,18}")
                ? tickets.byNumber(Long.parseLong(digits))
                : java.util.Optional.<Ticket>empty();
        if (survivor.isEmpty()) {
            redirect.addFlashAttribute("error", "into: no ticket " + into);
            return back(id);
        }
        attempt(redirect, () -> work.merge(id, survivor.get().id()), "service.ticket.merged");
        return "redirect:/tickets/" + survivor.get().id();
    }

    @GetMapping("/tickets/{id}/attachments/{attachmentId}")
    @PreAuthorize(ServiceAccess.READ)
    ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable long attachmentId) {
        TicketAttachments.Content content = attachments.content(id, attachmentId);
        // always a download: a file a customer sent is never rendered in the desk's own origin
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(content.fileName(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(content.bytes());
    }

    /** Back to the ticket, or to the list when the change took it out of the viewer's sight (solved, reassigned). */
    private String back(long id) {
        return tickets.findIfVisible(id).isPresent() ? "redirect:/tickets/" + id : "redirect:/tickets";
    }

    private static void attempt(RedirectAttributes redirect, Supplier<?> change, String done) {
        try {
            change.get();
            redirect.addFlashAttribute("message", done);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", problems(e));
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
    }

    private static String problems(InvalidInputException e) {
        return e.fieldErrors().entrySet().stream()
                .map(error -> error.getKey() + ": " + error.getValue())
                .collect(Collectors.joining("; "));
    }

    /** The names the list and the ticket page show for categories and agents. */
    private void addNames(Model model, List<Ticket> shown, Locale locale) {
        Map<Long, String> categoryNames = new LinkedHashMap<>();
        for (TicketCategory c : categories.all()) {
            categoryNames.put(c.id(), c.name(locale));
        }
        model.addAttribute("categoryNames", categoryNames);
        model.addAttribute("categoryList", categories.active());
        model.addAttribute(
                "agentNames",
                users.displayNames(shown.stream()
                        .map(Ticket::assigneeId)
                        .filter(java.util.Objects::nonNull)
                        .collect(Collectors.toSet())));
        model.addAttribute("locale", locale);
    }

    private List<UserAccount> agents() {
        return users.withAnyRole(Tickets.AGENT_ROLES).stream()
                .filter(UserAccount::enabled)
                .toList();
    }

    private static String back(String query) {
        return query == null || query.isBlank() || !query.matches("[A-Za-z0-9_=&%+.#-]*") ? "" : "?" + query;
    }

    static String query(
            TicketView view,
            TicketStatus status,
            TicketPriority priority,
            Long category,
            TicketChannel channel,
            String q) {
        List<String> parts = new ArrayList<>();
        parts.add("view=" + view);
        if (status != null) {
            parts.add("status=" + status);
        }
        if (priority != null) {
            parts.add("priority=" + priority);
        }
        if (category != null) {
            parts.add("category=" + category);
        }
        if (channel != null) {
            parts.add("channel=" + channel);
        }
        if (q != null && !q.isBlank()) {
            parts.add("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }
}
