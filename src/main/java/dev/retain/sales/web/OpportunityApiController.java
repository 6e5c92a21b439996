package dev.retain.sales.web;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PageOf;
import dev.retain.sales.Opportunities;
import dev.retain.sales.Opportunity;
import dev.retain.sales.OpportunityFigures;
import dev.retain.sales.OpportunityLine;
import dev.retain.sales.OpportunityMove;
import dev.retain.sales.OpportunityProgress;
import dev.retain.sales.OpportunityQuery;
import dev.retain.sales.OpportunityStatus;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/opportunities}: the opportunities the caller may see (their customers' data scope), listed with
 * filters and pages, opened, changed (with the version they were read at), moved, won, lost and deleted; and the
 * funnel's figures.
 */
@RestController
@RequestMapping("/api/v1/opportunities")
@PreAuthorize(OpportunityApiController.SELLERS)
@Tag(name = "Opportunities")
class OpportunityApiController {

    /** Who works with opportunities: sales, their managers and admins. */
    static final String SELLERS = "hasAnyRole('ADMIN', 'MANAGER', 'SALES')";

    static final int MAX_PAGE = 200;
    static final int DEFAULT_DAYS = 30;

    record OpportunityRequest(
            Long customerId,
            Long stageId,
            String title,
            BigDecimal amount,
            LocalDate expectedCloseOn,
            Long ownerId,
            List<OpportunityLine> lines,
            String notes,
            Integer version) {

        Opportunities.OpportunityDraft draft() {
            return new Opportunities.OpportunityDraft(title, amount, expectedCloseOn, ownerId, lines, notes);
        }
    }

    record MoveRequest(Long stageId, Integer version) {}

    record WinRequest(Boolean createOrder, Long orderId, Integer version) {}

    record LoseRequest(String reason, Integer version) {}

    record Figures(
            OpportunityFigures.Funnel funnel,
            List<OpportunityFigures.OwnerFigures> owners,
            List<OpportunityFigures.ForecastMonth> forecast) {}

    private final Opportunities opportunities;
    private final OpportunityProgress progress;
    private final OpportunityFigures figures;
    private final CompanyZone zone;
    private final Clock clock;

    OpportunityApiController(
            Opportunities opportunities,
            OpportunityProgress progress,
            OpportunityFigures figures,
            CompanyZone zone,
            Clock clock) {
        this.opportunities = opportunities;
        this.progress = progress;
        this.figures = figures;
        this.zone = zone;
        this.clock = clock;
    }

    @GetMapping
    PageOf<Opportunity> list(
            @RequestParam(required = false) Long ownerId,
            @RequestParam(required = false) Long stageId,
            @RequestParam(required = false) OpportunityStatus status,
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth closingMonth,
            @RequestParam(required = false) Long customerId,
            @RequestParam(defaultValue = "false") boolean stuck,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return opportunities.search(
                new OpportunityQuery(ownerId, stageId, status, closingMonth, customerId, stuck),
                page,
                Math.min(size, MAX_PAGE));
    }

    @GetMapping("/{id}")
    Opportunity get(@PathVariable long id) {
        return opportunities.find(id);
    }

    @GetMapping("/{id}/history")
    List<OpportunityMove> history(@PathVariable long id) {
        return opportunities.history(id);
    }

    /**
     * The funnel and owners of the opportunities opened from {@code from} to {@code to} (the last 30 days unless given),
     * and the forecast.
     */
    @GetMapping("/figures")
    Figures figures(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long ownerId) {
        LocalDate last = to != null ? to : zone.today(clock);
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1);
        if (last.isBefore(first)) {
            throw new InvalidInputException("to", "must not be before from");
        }
        return new Figures(
                figures.funnel(first, last, ownerId), figures.byOwner(first, last, ownerId), figures.forecast(ownerId));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Opportunity create(@RequestBody OpportunityRequest request) {
        if (request.customerId() == null) {
            throw new InvalidInputException("customerId", "the customer the opportunity is with");
        }
        return opportunities.create(request.customerId(), request.stageId(), request.draft());
    }

    @PutMapping("/{id}")
    Opportunity update(@PathVariable long id, @RequestBody OpportunityRequest request) {
        if (request.version() == null) {
            throw new InvalidInputException("version", "the version the change was made on, as read");
        }
        return opportunities.update(id, request.version(), request.draft());
    }

    @PostMapping("/{id}/stage")
    Opportunity move(@PathVariable long id, @RequestBody MoveRequest request) {
        if (request.stageId() == null) {
            throw new InvalidInputException("stageId", "the stage to move to");
        }
        return progress.move(id, request.stageId(), request.version());
    }

    @PostMapping("/{id}/win")
    Opportunity win(@PathVariable long id, @RequestBody(required = false) WinRequest request) {
        WinRequest given = request == null ? new WinRequest(false, null, null) : request;
        return progress.win(
                id,
                new OpportunityProgress.Win(Boolean.TRUE.equals(given.createOrder()), given.orderId()),
                given.version());
    }

    @PostMapping("/{id}/lose")
    Opportunity lose(@PathVariable long id, @RequestBody LoseRequest request) {
        return progress.lose(id, request.reason(), request.version());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        opportunities.delete(id);
    }
}
