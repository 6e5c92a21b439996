package dev.retain.ingest.web;

import dev.retain.ingest.DataQuality;
import dev.retain.ingest.ImportJob;
import dev.retain.ingest.ImportJobs;
import dev.retain.ingest.ImportJobs.ImportRequest;
import dev.retain.ingest.ImportKind;
import dev.retain.ingest.ImportOptions;
import dev.retain.ingest.ImportPreset;
import dev.retain.ingest.ImportPresets;
import dev.retain.ingest.ImportPreview;
import dev.retain.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The import wizard: upload → map columns and preview (dry run) → run → watch progress → download rejected rows. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')")
class ImportPageController {

    private final ImportJobs jobs;
    private final ImportPreview preview;
    private final PendingUploads uploads;
    private final Clock clock;
    private final DataQuality dataQuality;
    private final ImportPresets presets;

    ImportPageController(
            ImportJobs jobs,
            ImportPreview preview,
            PendingUploads uploads,
            Clock clock,
            DataQuality dataQuality,
            ImportPresets presets) {
        this.jobs = jobs;
        this.preview = preview;
        this.uploads = uploads;
        this.clock = clock;
        this.dataQuality = dataQuality;
        this.presets = presets;
    }

    @GetMapping("/imports")
    String list(Model model) {
        model.addAttribute("jobs", jobs.list(0, 50).items());
        model.addAttribute("alerts", dataQuality.open());
        model.addAttribute("presets", presets.list());
        model.addAttribute("kinds", ImportKind.values());
        return "ingest/list";
    }

    @PostMapping("/imports/upload")
    String upload(
            @RequestParam MultipartFile file, @RequestParam ImportKind kind, @RequestParam String source, Model model)
            throws IOException {
        try {
            String token = uploads.keep(file);
            return mapping(token, file.getOriginalFilename(), kind, source, Map.of(), false, "CNY", model);
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.fieldErrors().values().iterator().next());
            return list(model);
        }
    }

    /** The mapping form with the dry run of the first rows; re-posted whenever the user changes the mapping. */
    @PostMapping("/imports/preview")
    String mapping(
            @RequestParam String token,
            @RequestParam String fileName,
            @RequestParam ImportKind kind,
            @RequestParam String source,
            @RequestParam Map<String, String> params,
            @RequestParam(defaultValue = "false") boolean dayFirst,
            @RequestParam(defaultValue = "CNY") String currency,
            Model model)
            throws IOException {
        var mapping = mappingFrom(params);
        model.addAttribute("token", token);
        model.addAttribute("fileName", fileName);
        model.addAttribute("kind", kind);
        model.addAttribute("source", source);
        model.addAttribute("dayFirst", dayFirst);
        model.addAttribute("currency", currency);
        try {
            var result = preview.preview(uploads.file(token), kind, mapping, ImportOptions.of(dayFirst, currency));
            model.addAttribute("preview", result);
            model.addAttribute("mapping", result.mapping());
        } catch (InvalidInputException e) {
            if (e.fieldErrors().containsKey("file")) {
                model.addAttribute("error", e.fieldErrors().get("file"));
                return list(model);
            }
            model.addAttribute("errors", e.fieldErrors());
            model.addAttribute("mapping", mapping);
            model.addAttribute("headers", preview.headers(uploads.file(token)));
        }
        return "ingest/mapping";
    }

    @PostMapping("/imports")
    String start(
            @RequestParam String token,
            @RequestParam String fileName,
            @RequestParam ImportKind kind,
            @RequestParam String source,
            @RequestParam Map<String, String> params,
            @RequestParam(defaultValue = "false") boolean dayFirst,
            @RequestParam(defaultValue = "CNY") String currency,
            @RequestParam(defaultValue = "") String presetName,
            Model model)
            throws IOException {
        var mapping = mappingFrom(params);
        ImportJob job;
        try (InputStream content = Files.newInputStream(uploads.file(token))) {
            job = jobs.submit(
                    new ImportRequest(kind, source, fileName, mapping, ImportOptions.of(dayFirst, currency)), content);
        } catch (InvalidInputException e) {
            return mapping(token, fileName, kind, source, params, dayFirst, currency, model);
        }
        uploads.discard(token);
        if (!presetName.isBlank()) {
            presets.save(new ImportPreset(presetName, kind, source, mapping, job.options()));
        }
        return "redirect:/imports/" + job.id();
    }

    @GetMapping("/imports/{id}")
    String show(
            @PathVariable long id, @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        ImportJob job = jobs.find(id);
        model.addAttribute("job", job);
        model.addAttribute("rowsPerSecond", Math.round(job.rowsPerSecond(clock.instant())));
        model.addAttribute("secondsLeft", job.secondsLeft(clock.instant()));
        model.addAttribute("alerts", dataQuality.ofJob(id));
        model.addAttribute("rejections", job.status().finished() ? jobs.rejectionsByReason(id) : List.of());
        return htmx != null ? "ingest/job :: progress" : "ingest/job";
    }

    @PostMapping("/imports/alerts/{alertId}/acknowledge")
    String acknowledge(@PathVariable long alertId) {
        dataQuality.acknowledge(alertId);
        return "redirect:/imports";
    }

    @PostMapping("/imports/{id}/cancel")
    String cancel(@PathVariable long id) {
        jobs.cancel(id);
        return "redirect:/imports/" + id;
    }

    @GetMapping("/imports/{id}/rejected.csv")
    void rejected(@PathVariable long id, HttpServletResponse response) throws IOException {
        jobs.find(id);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-rejected.csv\"");
        jobs.writeRejectedCsv(id, response.getOutputStream());
    }

    /** The form's {@code map.FIELD=Column} selections. */
    private static Map<String, String> mappingFrom(Map<String, String> params) {
        var mapping = new LinkedHashMap<String, String>();
        params.forEach((name, header) -> {
            if (name.startsWith("map.") && !header.isBlank()) {
                mapping.put(name.substring(4), header);
            }
        });
        return mapping;
    }
}
