package dev.retain.platform.users;

import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.signin.AccountSessions;
import dev.retain.platform.signin.AccountSessions.AccountState;
import dev.retain.platform.twofactor.TwoFactor;
import dev.retain.platform.twofactor.TwoFactor.Enrolment;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A signed-in user's two-factor sign-in ({@code /account/two-factor}): enrolment with a fresh secret (a QR code and
 * its text) confirmed by a first code, the recovery codes shown once, new recovery codes, switching it off. The secret
 * being enrolled stays in the session until it is confirmed; once on, it is never shown again.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class TwoFactorPageController {

    private static final String PAGE = "/account/two-factor";
    private static final String ENROLLING = TwoFactorPageController.class.getName() + ".secret";

    private final TwoFactor twoFactor;
    private final AccountSessions sessions;

    TwoFactorPageController(TwoFactor twoFactor, AccountSessions sessions) {
        this.twoFactor = twoFactor;
        this.sessions = sessions;
    }

    @GetMapping(PAGE)
    String page(Principal principal, HttpSession session, Model model) {
        String username = principal.getName();
        boolean enabled = twoFactor.enabledFor(username);
        model.addAttribute("enabled", enabled);
        model.addAttribute(
                "mustEnrol",
                sessions.state(username).map(AccountState::mustEnrolTwoFactor).orElse(false));
        if (enabled) {
            session.removeAttribute(ENROLLING);
            model.addAttribute("codesLeft", twoFactor.recoveryCodesLeft(username));
        } else {
            Enrolment enrolment = session.getAttribute(ENROLLING) instanceof String secret
                    ? twoFactor.enrolment(username, secret)
                    : twoFactor.newEnrolment(username);
            session.setAttribute(ENROLLING, enrolment.secret());
            model.addAttribute("enrolment", enrolment);
            model.addAttribute("secretGroups", groupsOfFour(enrolment.secret()));
        }
        return "platform/two-factor";
    }

    /** Switches two-factor sign-in on with the secret shown, once a current code of it is typed. */
    @PostMapping(PAGE)
    String enable(
            @RequestParam(defaultValue = "") String code,
            Principal principal,
            HttpSession session,
            Model model,
            RedirectAttributes redirect) {
        if (!(session.getAttribute(ENROLLING) instanceof String secret)) {
            return "redirect:" + PAGE;
        }
        List<String> codes;
        try {
            codes = twoFactor.enable(principal.getName(), secret, code);
        } catch (InvalidInputException e) {
            model.addAttribute("errorKey", "twoFactor.wrongCode");
            return page(principal, session, model);
        } catch (ConflictException e) {
            return "redirect:" + PAGE;
        }
        session.removeAttribute(ENROLLING);
        redirect.addFlashAttribute("recoveryCodes", codes);
        redirect.addFlashAttribute("message", "twoFactor.enabled");
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/recovery-codes")
    String regenerate(
            @RequestParam(defaultValue = "") String proof,
            Principal principal,
            HttpSession session,
            Model model,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("recoveryCodes", twoFactor.regenerateRecoveryCodes(principal.getName(), proof));
        } catch (InvalidInputException e) {
            model.addAttribute("proofErrorKey", "twoFactor.wrongProof");
            return page(principal, session, model);
        } catch (ConflictException e) {
            return "redirect:" + PAGE;
        }
        redirect.addFlashAttribute("message", "twoFactor.codesRegenerated");
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/off")
    String disable(
            @RequestParam(defaultValue = "") String proof,
            Principal principal,
            HttpSession session,
            Model model,
            RedirectAttributes redirect) {
        try {
            twoFactor.disable(principal.getName(), proof);
        } catch (InvalidInputException e) {
            model.addAttribute("offErrorKey", "twoFactor.wrongProof");
            return page(principal, session, model);
        } catch (ConflictException e) {
            return "redirect:" + PAGE;
        }
        redirect.addFlashAttribute("message", "twoFactor.disabled");
        return "redirect:" + PAGE;
    }

    private static String groupsOfFour(String secret) {
        return String.join(" ", secret.split("(?<=\\G.{4})"));
    }
}
