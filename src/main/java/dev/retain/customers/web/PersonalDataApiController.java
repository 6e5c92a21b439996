package dev.retain.customers.web;

import dev.retain.customers.PersonalDataSettings;
import dev.retain.customers.SensitiveField;
import dev.retain.platform.PersonalDataKeys;
import dev.retain.platform.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The personal-data settings for admins: sensitive fields, full-view roles, the conversion, key rotation. */
@RestController
@RequestMapping("/api/v1/personal-data")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Personal data")
class PersonalDataApiController {

    private final PersonalDataSettings settings;
    private final PersonalDataKeys keys;

    PersonalDataApiController(PersonalDataSettings settings, PersonalDataKeys keys) {
        this.settings = settings;
        this.keys = keys;
    }

    /** The settings, the conversion's progress and the keys in use (their numbers, never the keys). */
    record State(
            Set<SensitiveField> sensitive,
            Set<Role> fullViewRoles,
            PersonalDataSettings.Conversion conversion,
            PersonalDataKeys.Source keySource,
            int activeKey,
            Set<Integer> keys) {}

    /** Which fields are sensitive, and which roles see them in full. */
    record Change(
            @NotNull Set<SensitiveField> sensitive, @NotNull Set<Role> fullViewRoles) {}

    @GetMapping
    @Operation(summary = "The sensitive fields, the roles that see them in full, the conversion and the keys")
    State get() {
        PersonalDataSettings.Snapshot now = settings.fresh();
        return new State(
                now.sensitive(),
                now.fullView(),
                settings.conversion(),
                keys.source(),
                keys.activeVersion(),
                keys.versions());
    }

    @PutMapping
    @Operation(summary = "Mark the sensitive fields (a change encrypts or decrypts stored values in the background)")
    State change(@jakarta.validation.Valid @RequestBody Change change) {
        settings.change(
                change.sensitive().isEmpty()
                        ? EnumSet.noneOf(SensitiveField.class)
                        : EnumSet.copyOf(change.sensitive()),
                change.fullViewRoles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(change.fullViewRoles()));
        return get();
    }

    @PostMapping("/rotate-key")
    @Operation(
            summary = "Add a new encryption key, make it active and re-encrypt every value with it in the background")
    Map<String, Integer> rotateKey() {
        return Map.of("activeKey", settings.rotateKey());
    }
}
