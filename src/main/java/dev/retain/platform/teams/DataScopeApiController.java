package dev.retain.platform.teams;

import dev.retain.platform.DataScope;
import dev.retain.platform.DataScopes;
import dev.retain.platform.Role;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/data-scopes}: which customers each role sees (OWN, TEAM or ALL), for admins. */
@RestController
@RequestMapping("/api/v1/data-scopes")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Teams")
class DataScopeApiController {

    private final DataScopes scopes;

    DataScopeApiController(DataScopes scopes) {
        this.scopes = scopes;
    }

    record ScopeChange(@NotNull DataScope scope) {}

    @GetMapping
    Map<Role, DataScope> byRole() {
        return scopes.byRole();
    }

    @PutMapping("/{role}")
    Map<Role, DataScope> set(@PathVariable Role role, @Valid @RequestBody ScopeChange change) {
        scopes.set(role, change.scope());
        return scopes.byRole();
    }
}
