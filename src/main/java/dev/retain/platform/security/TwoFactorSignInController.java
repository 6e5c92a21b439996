package dev.retain.platform.security;

import dev.retain.platform.signin.AccountSessions;
import dev.retain.platform.signin.SignInAttempts;
import dev.retain.platform.signin.SignInAudit;
import dev.retain.platform.signin.SignInAudit.SecondFactor;
import dev.retain.platform.signin.SignInOutcome;
import dev.retain.platform.signin.SignInVerdict;
import dev.retain.platform.twofactor.TwoFactor;
import dev.retain.platform.twofactor.TwoFactor.CodeCheck;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of a two-factor sign-in ({@code /login/two-factor}), open only to a session whose password step
 * just succeeded: a code of the authenticator app or a recovery code. Throttled, counted against the account and
 * audited like the password; only when it succeeds is the session signed in (with a new session id).
 */
@Controller
class TwoFactorSignInController {

    private final TwoFactor twoFactor;
    private final SignInAttempts attempts;
    private final SignInAudit audit;
    private final AccountSessions sessions;
    private final UserDetailsService userDetails;
    private final SignInSuccess success;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    TwoFactorSignInController(
            TwoFactor twoFactor,
            SignInAttempts attempts,
            SignInAudit audit,
            AccountSessions sessions,
            UserDetailsService userDetails,
            SignInSuccess success,
            Clock clock) {
        this.twoFactor = twoFactor;
        this.attempts = attempts;
        this.audit = audit;
        this.sessions = sessions;
        this.userDetails = userDetails;
        this.success = success;
        this.clock = clock;
    }

    /** The form; without a pending step (none started, or it ran out) a note that sends back to the password. */
    @GetMapping(SignInSuccess.SECOND_STEP)
    String form(HttpServletRequest request, Model model) {
        model.addAttribute("noPendingStep", pending(request).isEmpty());
        return "platform/login-two-factor";
    }

    /** Checks the code; the answer is a redirect (back here, to sign in, or on), or the note of no pending step. */
    @PostMapping(SignInSuccess.SECOND_STEP)
    String check(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException, ServletException {
        Optional<PendingSecondStep> pending = pending(request);
        if (pending.isEmpty()) {
            model.addAttribute("noPendingStep", true);
            return "platform/login-two-factor";
        }
        String username = pending.get().username();
        String address = request.getRemoteAddr();
        SignInVerdict verdict = attempts.begin(username, address);
        if (!verdict.allowed()) {
            boolean locked = verdict.kind() == SignInVerdict.Kind.LOCKED;
            audit.recordSecondStep(username, address, locked ? SignInOutcome.LOCKED : SignInOutcome.THROTTLED, null);
            if (locked) {
                PendingSecondStep.forget(request.getSession(false));
                return "redirect:/login?locked";
            }
            return "redirect:" + SignInSuccess.SECOND_STEP + "?wait=" + verdict.waitSeconds();
        }
        CodeCheck check =
                sessions.state(username).filter(state -> state.enabled()).isPresent()
                        ? twoFactor.check(username, code)
                        : CodeCheck.WRONG;
        if (!check.accepted()) {
            attempts.failed(username);
            audit.recordSecondStep(username, address, SignInOutcome.FAILED, null);
            return "redirect:" + SignInSuccess.SECOND_STEP + (check == CodeCheck.REUSED ? "?reused" : "?error");
        }
        attempts.succeeded(username, address);
        audit.recordSecondStep(
                username,
                address,
                SignInOutcome.SUCCEEDED,
                check == CodeCheck.APP_CODE ? SecondFactor.AUTHENTICATOR_APP : SecondFactor.RECOVERY_CODE);
        signIn(username, request, response);
        // The response is a redirect already
        return null;
    }

    private void signIn(String username, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        UserDetails user;
        try {
            user = userDetails.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        PendingSecondStep.forget(request.getSession(false));
        request.changeSessionId();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        authentication.setDetails(new WebAuthenticationDetails(request));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        success.completed(request, response, authentication);
    }

    private Optional<PendingSecondStep> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return PendingSecondStep.of(session, clock.instant());
    }
}
