package dev.retain.service.web;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PageOf;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.service.AuthorKind;
import dev.retain.service.NewTicket;
import dev.retain.service.Ticket;
import dev.retain.service.TicketChannel;
import dev.retain.service.TicketMessage;
import dev.retain.service.TicketPriority;
import dev.retain.service.TicketQuery;
import dev.retain.service.TicketStatus;
import dev.retain.service.TicketStatusChange;
import dev.retain.service.TicketView;
import dev.retain.service.TicketWork;
import dev.retain.service.Tickets;
import dev.retain.service.Visibility;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tickets}: open a ticket (idempotent by the {@code Idempotency-Key} header), list them with filters,
 * read one with its thread and history, add a message (an agent's reply or note, or the customer's), and change its
 * status, assignee, priority or category. Bad input is a problem naming the field, and nothing is written.
 */
@RestController
@Tag(name = "Service desk")
class TicketApiController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    /** A ticket to open: the customer by id, or by phone or email (an unknown sender becomes a prospect). */
    record TicketRequest(
            Long customerId,
            String phone,
            String email,
            String name,
            String subject,
            String body,
            String channel,
            Long categoryId,
            String priority,
            Long assigneeId,
            Long teamId,
            Long orderId,
            String productSku,
            List<String> tags) {}

    /** A message: {@code author} AGENT (the caller; {@code visibility} PUBLIC or INTERNAL) or CUSTOMER. */
    record MessageRequest(String body, String author, String visibility, String messageId) {}

    record StatusRequest(String status) {}

    record AssigneeRequest(Long assigneeId) {}

    record PriorityRequest(String priority) {}

    record CategoryRequest(Long categoryId) {}

    /** A ticket with its thread (the messages of tickets merged into it included) and status history. */
    record TicketDetail(Ticket ticket, List<TicketMessage> messages, List<TicketStatusChange> history) {}

    /** What adding a message did; {@code ticket} is a new one when the customer wrote on a closed ticket. */
    record MessageAdded(Ticket ticket, TicketMessage message, boolean newTicket, boolean duplicate) {}

    private final Tickets tickets;
    private final TicketWork work;
    private final UserAccounts users;

    TicketApiController(Tickets tickets, TicketWork work, UserAccounts users) {
        this.tickets = tickets;
        this.work = work;
        this.users = users;
    }

    @GetMapping("/api/v1/tickets")
    @PreAuthorize(ServiceAccess.READ)
    PageOf<Ticket> list(
            @RequestParam(required = false) String view,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String priority,
            @RequestParam(required = false) Long categoryId,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) Long assigneeId,
            @RequestParam(required = false) Long customerId,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        TicketView chosen = ClosedSets.parse(TicketView.class, "view", view);
        var query = new TicketQuery(
                chosen == null ? TicketView.ALL : chosen,
                ClosedSets.parse(TicketStatus.class, "status", status),
                ClosedSets.parse(TicketPriority.class, "priority", priority),
                categoryId,
                ClosedSets.parse(TicketChannel.class, "channel", channel),
                assigneeId,
                customerId,
                q);
        return tickets.search(query, users.current().map(UserAccount::id).orElse(null), page, size);
    }

    /** Opens a ticket: 201; the same {@code Idempotency-Key} again answers the same ticket (header Idempotent-Replayed). */
    @PostMapping("/api/v1/tickets")
    @PreAuthorize(ServiceAccess.WORK)
    ResponseEntity<Ticket> create(
            @RequestBody TicketRequest request,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        var draft = new NewTicket(
                request.customerId(),
                request.phone(),
                request.email(),
                request.name(),
                request.subject(),
                request.body(),
                request.channel() == null
                        ? TicketChannel.API
                        : ClosedSets.parse(TicketChannel.class, "channel", request.channel()),
                request.categoryId(),
                ClosedSets.parse(TicketPriority.class, "priority", request.priority()),
                request.assigneeId(),
                request.teamId(),
                request.orderId(),
                request.productSku(),
                request.tags(),
                null);
        Tickets.Opened opened = tickets.open(draft, idempotencyKey);
        var response = ResponseEntity.status(HttpStatus.CREATED);
        if (opened.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.body(opened.ticket());
    }

    @GetMapping("/api/v1/tickets/{id}")
    @PreAuthorize(ServiceAccess.READ)
    TicketDetail get(@PathVariable long id) {
        return new TicketDetail(tickets.find(id), work.thread(id), work.history(id));
    }

    @PostMapping("/api/v1/tickets/{id}/messages")
    @PreAuthorize(ServiceAccess.WORK)
    ResponseEntity<MessageAdded> addMessage(@PathVariable long id, @RequestBody MessageRequest request) {
        AuthorKind author = ClosedSets.parse(AuthorKind.class, "author", request.author());
        if (author == AuthorKind.SYSTEM) {
            throw new InvalidInputException("author", "AGENT or CUSTOMER");
        }
        if (author == AuthorKind.CUSTOMER) {
            TicketWork.CustomerMessage written = work.customerWrites(id, request.body(), request.messageId());
            return ResponseEntity.status(written.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(new MessageAdded(
                            written.ticket(), written.message(), written.newTicket(), written.duplicate()));
        }
        Visibility visibility = ClosedSets.parse(Visibility.class, "visibility", request.visibility());
        TicketMessage message = work.reply(id, request.body(), visibility);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new MessageAdded(tickets.findIfVisible(id).orElse(null), message, false, false));
    }

    @PutMapping("/api/v1/tickets/{id}/status")
    @PreAuthorize(ServiceAccess.WORK)
    Ticket status(@PathVariable long id, @RequestBody StatusRequest request) {
        TicketStatus status = ClosedSets.parse(TicketStatus.class, "status", request.status());
        return work.changeStatus(id, status);
    }

    @PutMapping("/api/v1/tickets/{id}/assignee")
    @PreAuthorize(ServiceAccess.WORK)
    Ticket assignee(@PathVariable long id, @RequestBody AssigneeRequest request) {
        return work.assign(id, request.assigneeId());
    }

    @PutMapping("/api/v1/tickets/{id}/priority")
    @PreAuthorize(ServiceAccess.WORK)
    Ticket priority(@PathVariable long id, @RequestBody PriorityRequest request) {
        return work.setPriority(id, ClosedSets.parse(TicketPriority.class, "priority", request.priority()));
    }

    @PutMapping("/api/v1/tickets/{id}/category")
    @PreAuthorize(ServiceAccess.WORK)
    Ticket category(@PathVariable long id, @RequestBody CategoryRequest request) {
        return work.setCategory(id, request.categoryId());
    }
}
