package dev.retain.segments.web;

import dev.retain.segments.ConditionFields;
import dev.retain.segments.Conditions;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/conditions}: the fields conditions may test, and a live preview of a condition. */
@RestController
@RequestMapping("/api/v1/conditions")
@Tag(name = "Tags and segments")
class ConditionApiController {

    private final ConditionFields fields;
    private final Conditions conditions;

    ConditionApiController(ConditionFields fields, Conditions conditions) {
        this.fields = fields;
        this.conditions = conditions;
    }

    @GetMapping("/fields")
    List<FieldView> fields() {
        return FieldView.all(fields);
    }

    record PreviewRequest(JsonNode condition, Integer sample) {}

    /** How many customers match now, with up to {@code sample} (default 10, at most 100) of them and their values. */
    @PostMapping("/preview")
    Conditions.Preview preview(@RequestBody PreviewRequest request) {
        int sample = request.sample() == null ? 10 : Math.min(Math.max(request.sample(), 0), 100);
        return conditions.preview(conditions.parseToSave(request.condition()), sample);
    }
}
