package dev.retain.platform.apikeys;

import dev.retain.platform.Role;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
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

/**
 * {@code /api/v1/api-keys}: admins list, create, rotate and revoke keys. A key made for a user ({@code userId}) acts
 * within that user's data scope; without one it is a system integration that sees every customer. A key may expire
 * ({@code expiresOn}: it works through that day, company time zone).
 */
@RestController
@RequestMapping("/api/v1/api-keys")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "API keys")
class ApiKeyApiController {

    private final ApiKeys apiKeys;

    ApiKeyApiController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    record NewKey(
            @NotBlank @Size(max = 100) String name,
            @NotEmpty Set<Role> roles,
            Long userId,
            LocalDate expiresOn) {}

    /** How long the old token keeps working; without it, the server's default (24 hours unless configured). */
    record Rotation(@Min(0) @Max(720) Integer overlapHours) {}

    @GetMapping
    List<ApiKey> list() {
        return apiKeys.list();
    }

    /** The new key with its token, shown this once. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeys.CreatedApiKey create(@Valid @RequestBody NewKey key) {
        return apiKeys.create(key.name(), key.roles(), key.userId(), key.expiresOn());
    }

    /** The key with a new token, shown this once; the old token works on for the overlap. */
    @PostMapping("/{id}/rotation")
    ApiKeys.CreatedApiKey rotate(@PathVariable long id, @Valid @RequestBody(required = false) Rotation rotation) {
        Integer hours = rotation == null ? null : rotation.overlapHours();
        return apiKeys.rotate(id, hours == null ? null : Duration.ofHours(hours));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable long id) {
        apiKeys.revoke(id);
    }
}
