package dev.retain.segments.web;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.ViewerScope;
import dev.retain.segments.Audience;
import dev.retain.segments.AudienceDraft;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.Audiences;
import dev.retain.segments.ConditionFields;
import dev.retain.segments.Conditions;
import dev.retain.segments.FullRecompute;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The segments and tags pages: the list with templates, the condition builder with its live preview, and one
 * audience's page with its members, size over time and recent entries and exits.
 */
@Controller
class SegmentPageController {

    private final Audiences audiences;
    private final Conditions conditions;
    private final FullRecompute recompute;
    private final MemberExport export;
    private final ObjectMapper json;
    private final ConditionFields fields;

    SegmentPageController(
            Audiences audiences,
            Conditions conditions,
            FullRecompute recompute,
            MemberExport export,
            ObjectMapper json,
            ConditionFields fields) {
        this.audiences = audiences;
        this.conditions = conditions;
        this.recompute = recompute;
        this.export = export;
        this.json = json;
        this.fields = fields;
    }

    @GetMapping("/segments")
    String list(Model model) {
        model.addAttribute("segments", audiences.list(AudienceKind.SEGMENT));
        model.addAttribute("tags", audiences.list(AudienceKind.TAG));
        model.addAttribute("templates", TemplateView.all(audiences, fields));
        return "segments/list";
    }

    @GetMapping("/segments/new")
    @PreAuthorize(AudienceApiController.WRITERS)
    String create(@RequestParam(defaultValue = "SEGMENT") AudienceKind kind, Model model) {
        model.addAttribute("kind", kind);
        model.addAttribute("audience", null);
        model.addAttribute("form", new AudienceForm(null, null, AudienceMode.DYNAMIC.name(), "", true));
        return "segments/builder";
    }

    @GetMapping("/segments/{id}/edit")
    @PreAuthorize(AudienceApiController.WRITERS)
    String edit(@PathVariable long id, Model model) {
        Audience audience = audiences.find(kindOf(id), id);
        model.addAttribute("kind", audience.kind());
        model.addAttribute("audience", audience);
        model.addAttribute(
                "form",
                new AudienceForm(
                        audience.name(),
                        audience.description(),
                        audience.mode().name(),
                        audience.condition() == null ? "" : json.writeValueAsString(audience.condition()),
                        audience.enabled()));
        return "segments/builder";
    }

    /** What the builder form posts; {@code condition} is the JSON the builder keeps. */
    record AudienceForm(String name, String description, String mode, String condition, Boolean enabled) {
        AudienceDraft draft(ObjectMapper json) {
            JsonNode parsed = condition == null || condition.isBlank() ? null : json.readTree(condition);
            return new AudienceDraft(
                    name, description, AudienceMode.valueOf(mode), parsed, Boolean.TRUE.equals(enabled), null);
        }
    }

    @PostMapping("/segments")
    @PreAuthorize(AudienceApiController.WRITERS)
    String save(
            @RequestParam AudienceKind kind,
            @RequestParam(required = false) Long id,
            AudienceForm form,
            Model model,
            RedirectAttributes redirect) {
        try {
            AudienceDraft draft = form.draft(json);
            Audience saved = id == null ? audiences.create(kind, draft) : audiences.update(kind, id, draft);
            redirect.addFlashAttribute("message", "segments.saved");
            return "redirect:/segments/" + saved.id();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
        } catch (RuntimeException e) {
            model.addAttribute("errors", Map.of("condition", "not valid JSON: " + e.getMessage()));
        }
        model.addAttribute("kind", kind);
        model.addAttribute("audience", id == null ? null : audiences.find(kind, id));
        model.addAttribute("form", form);
        return "segments/builder";
    }

    @GetMapping("/segments/{id}")
    String show(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        Audience audience = audiences.find(kindOf(id), id);
        model.addAttribute("audience", audience);
        model.addAttribute(
                "condition",
                audience.condition() == null
                        ? null
                        : json.writerWithDefaultPrettyPrinter().writeValueAsString(audience.condition()));
        model.addAttribute("members", audiences.members(id, Math.max(page, 0), 50));
        model.addAttribute("sizes", audiences.sizes(id, 180));
        model.addAttribute("changes", audiences.recentChanges(id, 20));
        return "segments/show";
    }

    @PostMapping("/segments/{id}/evaluate")
    @PreAuthorize(AudienceApiController.WRITERS)
    String evaluate(@PathVariable long id, RedirectAttributes redirect) {
        audiences.evaluate(kindOf(id), id);
        redirect.addFlashAttribute("message", "segments.evaluated");
        return "redirect:/segments/" + id;
    }

    @PostMapping("/segments/{id}/delete")
    @PreAuthorize(AudienceApiController.WRITERS)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        audiences.delete(kindOf(id), id);
        redirect.addFlashAttribute("message", "segments.deleted");
        return "redirect:/segments";
    }

    @GetMapping("/segments/{id}/export")
    void export(@PathVariable long id, @RequestParam(defaultValue = "csv") String format, HttpServletResponse response)
            throws IOException {
        export.write(audiences.find(kindOf(id), id), format, response);
    }

    @PostMapping("/segments/templates/{key}")
    @PreAuthorize(AudienceApiController.WRITERS)
    String switchOn(@PathVariable String key, RedirectAttributes redirect) {
        Audience tag = audiences.createFromTemplate(key);
        redirect.addFlashAttribute("message", "segments.saved");
        return "redirect:/segments/" + tag.id();
    }

    @PostMapping("/segments/recompute")
    @PreAuthorize(AudienceApiController.WRITERS)
    String recompute(RedirectAttributes redirect) {
        ViewerScope.EVERYTHING.within(recompute::run);
        redirect.addFlashAttribute("message", "segments.recomputed");
        return "redirect:/segments";
    }

    @GetMapping("/segments/fields.json")
    @ResponseBody
    List<FieldView> fields() {
        return FieldView.all(fields);
    }

    /** The builder's live preview: the count and a sample, or the problems keyed by their path. */
    @PostMapping("/segments/preview")
    @ResponseBody
    ResponseEntity<Map<String, Object>> preview(@RequestBody JsonNode condition) {
        try {
            var preview = conditions.preview(conditions.parse(condition), 10);
            return ResponseEntity.ok(Map.of("count", preview.count(), "sample", preview.sample()));
        } catch (InvalidInputException e) {
            return ResponseEntity.badRequest().body(Map.of("errors", e.fieldErrors()));
        }
    }

    @PostMapping("/customers/{customerId}/tags")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'MARKETER', 'SALES', 'SERVICE')")
    String tagCustomer(@PathVariable long customerId, @RequestParam long tagId, RedirectAttributes redirect) {
        try {
            audiences.tag(tagId, List.of(customerId), Map.of("by", AuditLog.currentActor()));
            redirect.addFlashAttribute("message", "segments.tagged");
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("quickAction", "tag");
            redirect.addFlashAttribute("quickActionError", e.getMessage());
        }
        return "redirect:/customers/" + customerId;
    }

    @PostMapping("/customers/{customerId}/tags/{tagId}/remove")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'MARKETER', 'SALES', 'SERVICE')")
    String untagCustomer(@PathVariable long customerId, @PathVariable long tagId) {
        audiences.untag(tagId, List.of(customerId), Map.of("by", AuditLog.currentActor()));
        return "redirect:/customers/" + customerId;
    }

    private AudienceKind kindOf(long id) {
        return audiences.kindOf(id);
    }
}
