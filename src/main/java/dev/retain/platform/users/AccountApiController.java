package dev.retain.platform.users;

import dev.retain.platform.WrongPasswordException;
import dev.retain.platform.signin.SignInVerdict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/account/password}: a user changes their own password, proving who they are with their
 * username and current password (API keys belong to integrations, not to people).
 */
@RestController
@RequestMapping("/api/v1/account")
class AccountApiController {

    private final OwnPasswordChange change;

    AccountApiController(OwnPasswordChange change) {
        this.change = change;
    }

    record PasswordChange(
            @NotBlank @Size(max = 64) String username,
            @NotNull @Size(max = 200) String currentPassword,
            @NotNull @Size(max = 200) String newPassword) {}

    @PostMapping("/password")
    ResponseEntity<?> changePassword(@Valid @RequestBody PasswordChange request, HttpServletRequest http) {
        SignInVerdict verdict = change.change(
                request.username(), request.currentPassword(), request.newPassword(), http.getRemoteAddr());
        if (verdict.allowed()) {
            return ResponseEntity.noContent().build();
        }
        boolean locked = verdict.kind() == SignInVerdict.Kind.LOCKED;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.TOO_MANY_REQUESTS,
                locked
                        ? "The account is locked after too many failed attempts: ask an admin to unlock it."
                        : "Too many failed attempts: try again in " + verdict.waitSeconds() + " seconds.");
        problem.setTitle(locked ? "Account locked" : "Too many attempts");
        var response = ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS);
        if (!locked) {
            response.header("Retry-After", Long.toString(verdict.waitSeconds()));
        }
        return response.body(problem);
    }

    /** The same answer for an unknown user, a disabled one and a wrong password. */
    @ExceptionHandler(WrongPasswordException.class)
    ResponseEntity<ProblemDetail> wrongCredentials() {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Wrong username or password.");
        problem.setTitle("Wrong credentials");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }
}
