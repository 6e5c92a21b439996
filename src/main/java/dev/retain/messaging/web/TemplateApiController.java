package dev.retain.messaging.web;

import dev.retain.messaging.MessageTemplate;
import dev.retain.messaging.Preview;
import dev.retain.messaging.TemplateDraft;
import dev.retain.messaging.Templates;
import dev.retain.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/message-templates}: templates per channel and language, their unknown variables, and previews. */
@RestController
@Tag(name = "Messaging")
class TemplateApiController {

    /** Whom to preview a template for, and the variables a journey would pass (sample ones when absent). */
    record PreviewRequest(Long customerId, Map<String, Object> variables) {}

    private final Templates templates;

    TemplateApiController(Templates templates) {
        this.templates = templates;
    }

    @GetMapping("/api/v1/message-templates")
    List<MessageTemplate> list() {
        return templates.list();
    }

    @GetMapping("/api/v1/message-templates/{id}")
    MessageTemplate find(@PathVariable long id) {
        return templates.find(id);
    }

    @PostMapping("/api/v1/message-templates")
    @PreAuthorize(MessagingRoles.WRITERS)
    ResponseEntity<MessageTemplate> create(@RequestBody TemplateDraft draft) {
        MessageTemplate created = templates.create(draft);
        return ResponseEntity.created(URI.create("/api/v1/message-templates/" + created.id()))
                .body(created);
    }

    @PutMapping("/api/v1/message-templates/{id}")
    @PreAuthorize(MessagingRoles.WRITERS)
    MessageTemplate update(@PathVariable long id, @RequestBody TemplateDraft draft) {
        return templates.update(id, draft);
    }

    /** Placeholders that would not resolve (typos, undefined custom fields); empty when the template is sound. */
    @GetMapping("/api/v1/message-templates/{id}/unknown-variables")
    List<String> unknownVariables(@PathVariable long id) {
        return templates.unknownVariables(id);
    }

    @PostMapping("/api/v1/message-templates/{id}/preview")
    Preview preview(@PathVariable long id, @RequestBody PreviewRequest request) {
        if (request.customerId() == null) {
            throw new InvalidInputException("customerId", "must be given");
        }
        return templates.preview(id, request.customerId(), request.variables());
    }
}
