package dev.retain.customers.web;

import dev.retain.customers.CustomFieldDefinition;
import dev.retain.customers.CustomFieldType;
import dev.retain.customers.CustomFields;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/custom-fields}: the custom field definitions (changed by admins). */
@RestController
@RequestMapping("/api/v1/custom-fields")
@Tag(name = "Custom fields")
class CustomFieldApiController {

    private final CustomFields customFields;

    CustomFieldApiController(CustomFields customFields) {
        this.customFields = customFields;
    }

    record FieldRequest(
            @NotBlank String key,
            @NotBlank String label,
            @NotNull CustomFieldType type,
            List<String> options,
            Boolean required) {}

    @GetMapping
    List<CustomFieldDefinition> list() {
        return customFields.definitions();
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    CustomFieldDefinition define(@Valid @RequestBody FieldRequest request) {
        return customFields.define(new CustomFields.NewField(
                request.key(),
                request.label(),
                request.type(),
                request.options(),
                Boolean.TRUE.equals(request.required())));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable long id) {
        customFields.remove(id);
    }
}
