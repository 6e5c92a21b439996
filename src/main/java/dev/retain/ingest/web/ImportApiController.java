package dev.retain.ingest.web;

import dev.retain.ingest.DataQuality;
import dev.retain.ingest.DataQualityAlert;
import dev.retain.ingest.ImportJob;
import dev.retain.ingest.ImportJobs;
import dev.retain.ingest.ImportJobs.ImportRequest;
import dev.retain.ingest.ImportKind;
import dev.retain.ingest.ImportOptions;
import dev.retain.ingest.ImportPreset;
import dev.retain.ingest.ImportPresets;
import dev.retain.ingest.ImportPreview;
import dev.retain.ingest.ImportPreview.Preview;
import dev.retain.ingest.MappingText;
import dev.retain.ingest.RejectionReason;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PageOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/imports}: dry-run, start, watch and cancel imports; download their rejected rows. */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports")
@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')")
class ImportApiController {

    private final ImportJobs jobs;
    private final ImportPreview preview;
    private final Clock clock;
    private final DataQuality dataQuality;
    private final ImportPresets presets;

    ImportApiController(
            ImportJobs jobs, ImportPreview preview, Clock clock, DataQuality dataQuality, ImportPresets presets) {
        this.jobs = jobs;
        this.preview = preview;
        this.clock = clock;
        this.dataQuality = dataQuality;
        this.presets = presets;
    }

    /** A job with its live figures. */
    /** A job with its speed, its alerts and, once finished, its rejected rows counted by reason. */
    record JobView(
            ImportJob job,
            double rowsPerSecond,
            Long secondsLeft,
            List<DataQualityAlert> alerts,
            List<RejectionReason> rejectionsByReason) {}

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Queue an import: a CSV/XLSX file, its kind, its source system and a column mapping")
    JobView submit(
            @RequestParam MultipartFile file,
            @RequestParam(required = false) ImportKind kind,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String mapping,
            @RequestParam(required = false) String preset,
            @RequestParam(defaultValue = "false") boolean dayFirst,
            @RequestParam(defaultValue = "CNY") String currency,
            @RequestParam(defaultValue = "false") boolean suggestUnmapped)
            throws IOException {
        var request = preset != null
                ? fromPreset(presets.find(preset), fileName(file))
                : new ImportRequest(
                        kind, source, fileName(file), MappingText.parse(mapping), ImportOptions.of(dayFirst, currency));
        try (var content = file.getInputStream()) {
            return view(jobs.submit(request, content, suggestUnmapped && preset == null));
        }
    }

    @PostMapping(path = "/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Dry run: suggested mapping and the first 100 rows as they would be stored, with problems")
    Preview preview(
            @RequestParam MultipartFile file,
            @RequestParam ImportKind kind,
            @RequestParam(defaultValue = "") String mapping,
            @RequestParam(defaultValue = "false") boolean dayFirst,
            @RequestParam(defaultValue = "CNY") String currency)
            throws IOException {
        Path copy = Files.createTempFile("retain-preview-", "-" + fileName(file).replaceAll("[^\\p{L}\\p{N}.]", "_"));
        try {
            file.transferTo(copy);
            return preview.preview(copy, kind, MappingText.parse(mapping), ImportOptions.of(dayFirst, currency));
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @GetMapping
    PageOf<ImportJob> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return jobs.list(Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable long id) {
        return view(jobs.find(id));
    }

    @PostMapping("/{id}/cancel")
    JobView cancel(@PathVariable long id) {
        return view(jobs.cancel(id));
    }

    @GetMapping("/{id}/rejected.csv")
    @Operation(summary = "The rejected rows: the file's own columns plus the reason (UTF-8 with BOM, opens in Excel)")
    void rejected(@PathVariable long id, HttpServletResponse response) throws IOException {
        jobs.find(id);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-rejected.csv\"");
        jobs.writeRejectedCsv(id, response.getOutputStream());
    }

    @GetMapping("/presets")
    List<ImportPreset> presets() {
        return presets.list();
    }

    /** A preset's body: the kind, source and mapping (field → column) to use for files like this. */
    record PresetRequest(
            ImportKind kind, String source, Map<String, String> mapping, Boolean dayFirst, String currency) {}

    @PutMapping("/presets/{name}")
    @Operation(summary = "Save a column mapping under a name; imports may then name the preset instead of a mapping")
    ImportPreset savePreset(@PathVariable String name, @RequestBody PresetRequest request) {
        return presets.save(new ImportPreset(
                name,
                request.kind(),
                request.source(),
                request.mapping(),
                ImportOptions.of(
                        Boolean.TRUE.equals(request.dayFirst()),
                        request.currency() == null ? "CNY" : request.currency())));
    }

    static ImportRequest fromPreset(ImportPreset preset, String fileName) {
        return new ImportRequest(preset.kind(), preset.source(), fileName, preset.mapping(), preset.options());
    }

    @GetMapping("/alerts")
    @Operation(summary = "Open data-quality alerts: many rejected rows, a far smaller import than before, future dates")
    List<DataQualityAlert> alerts() {
        return dataQuality.open();
    }

    @PostMapping("/alerts/{alertId}/acknowledge")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void acknowledge(@PathVariable long alertId) {
        dataQuality.acknowledge(alertId);
    }

    private JobView view(ImportJob job) {
        var now = clock.instant();
        return new JobView(
                job,
                job.rowsPerSecond(now),
                job.secondsLeft(now),
                dataQuality.ofJob(job.id()),
                job.status().finished() ? jobs.rejectionsByReason(job.id()) : List.of());
    }

    private static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("file", "the upload has no file name");
        }
        return name;
    }
}
