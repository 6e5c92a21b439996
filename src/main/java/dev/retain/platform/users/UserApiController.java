package dev.retain.platform.users;

import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.twofactor.TwoFactor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users}: list, create, disable and enable users, change their roles, reset their passwords and
 * two-factor sign-in, and lift sign-in locks (admins only).
 */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
class UserApiController {

    private final UserAccounts users;
    private final TwoFactor twoFactor;

    UserApiController(UserAccounts users, TwoFactor twoFactor) {
        this.users = users;
        this.twoFactor = twoFactor;
    }

    record CreateUser(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 200) String displayName,
            @Size(max = 200) String email,
            @NotBlank @Size(min = 10, max = 200) String password,
            @NotEmpty Set<Role> roles) {}

    record UserStatus(@NotNull Boolean enabled) {}

    record UserRoles(@NotEmpty Set<Role> roles) {}

    @GetMapping
    List<UserAccount> list() {
        return users.list();
    }

    @GetMapping("/{id}")
    UserAccount get(@PathVariable long id) {
        return users.find(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserAccount create(@Valid @RequestBody CreateUser request) {
        return users.create(new NewUser(
                request.username(), request.displayName(), request.email(), request.password(), request.roles()));
    }

    @PatchMapping("/{id}")
    UserAccount update(@PathVariable long id, @Valid @RequestBody UserStatus request) {
        return users.setEnabled(id, request.enabled());
    }

    record TemporaryPassword(String temporaryPassword) {}

    /** A temporary password, shown only in this answer, that the user must change at the next sign-in. */
    @PostMapping("/{id}/password-reset")
    ResponseEntity<TemporaryPassword> resetPassword(@PathVariable long id) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new TemporaryPassword(users.resetPassword(id)));
    }

    @DeleteMapping("/{id}/lock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlock(@PathVariable long id) {
        users.unlock(id);
    }

    /** Switches the user's two-factor sign-in off; they enrol again after their password if a role requires it. */
    @DeleteMapping("/{id}/two-factor")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetTwoFactor(@PathVariable long id) {
        twoFactor.reset(id);
    }

    @PutMapping("/{id}/roles")
    UserAccount roles(@PathVariable long id, @Valid @RequestBody UserRoles request) {
        return users.setRoles(id, request.roles());
    }
}
