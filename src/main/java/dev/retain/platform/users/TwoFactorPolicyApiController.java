package dev.retain.platform.users;

import dev.retain.platform.Role;
import dev.retain.platform.twofactor.TwoFactorPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/two-factor/required-roles}: the roles that must sign in with two factors (admins). */
@RestController
@RequestMapping("/api/v1/two-factor/required-roles")
@PreAuthorize("hasRole('ADMIN')")
class TwoFactorPolicyApiController {

    private final TwoFactorPolicy policy;

    TwoFactorPolicyApiController(TwoFactorPolicy policy) {
        this.policy = policy;
    }

    record RequiredRoles(@NotNull Set<Role> roles) {}

    @GetMapping
    RequiredRoles get() {
        return new RequiredRoles(policy.requiredRoles());
    }

    /** Exactly these roles from now on; {@code []} requires it of nobody. */
    @PutMapping
    RequiredRoles set(@Valid @RequestBody RequiredRoles request) {
        return new RequiredRoles(policy.require(request.roles()));
    }
}
