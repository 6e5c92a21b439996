package dev.retain.segments.web;

import dev.retain.platform.NotFoundException;
import dev.retain.platform.ViewerScope;
import dev.retain.segments.RfmRun;
import dev.retain.segments.RfmScore;
import dev.retain.segments.RfmScores;
import dev.retain.segments.RfmSegment;
import dev.retain.segments.RfmSettings;
import dev.retain.segments.ValueCell;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/rfm}: settings, scoring runs, the 11 segments and 8 cells, migration between dates. */
@RestController
@Tag(name = "RFM")
class RfmApiController {

    private final RfmScores rfm;

    RfmApiController(RfmScores rfm) {
        this.rfm = rfm;
    }

    @GetMapping("/api/v1/rfm/settings")
    RfmSettings settings() {
        return rfm.settings();
    }

    @PutMapping("/api/v1/rfm/settings")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    RfmSettings update(@RequestBody RfmSettings settings) {
        return rfm.update(settings);
    }

    /** Scores everyone now, or as of {@code asOf} (an ISO instant) to fill in history. */
    @PostMapping("/api/v1/rfm/runs")
    @PreAuthorize(AudienceApiController.WRITERS)
    RfmRun score(@RequestParam(required = false) Instant asOf) {
        return ViewerScope.EVERYTHING.within(() -> asOf == null ? rfm.score() : rfm.score(asOf));
    }

    @GetMapping("/api/v1/rfm/runs/latest")
    RfmRun lastRun() {
        return rfm.lastRun().orElseThrow(() -> new NotFoundException("RFM run", "latest"));
    }

    @GetMapping("/api/v1/rfm/segments")
    Map<RfmSegment, RfmScores.Group> segments() {
        return rfm.segments();
    }

    @GetMapping("/api/v1/rfm/value-cells")
    Map<ValueCell, RfmScores.Group> valueCells() {
        return rfm.valueCells();
    }

    /** Customers by (segment on {@code from}, segment on {@code to}). */
    @GetMapping("/api/v1/rfm/migration")
    Map<String, Map<String, Long>> migration(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return rfm.migration(from, to);
    }

    @GetMapping("/api/v1/customers/{id}/rfm")
    RfmScore of(@PathVariable long id) {
        return rfm.of(id).orElseThrow(() -> new NotFoundException("RFM score of customer", id));
    }
}
