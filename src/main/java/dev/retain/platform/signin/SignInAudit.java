package dev.retain.platform.signin;

import dev.retain.platform.AuditLog;
import java.util.LinkedHashMap;
import org.springframework.stereotype.Component;

/** Writes every sign-in attempt to the audit log: the username given, the client address and the outcome. */
@Component
public class SignInAudit {

    /** Where the attempt came from. */
    public enum Channel {
        WEB,
        API,
        /** Through the OpenID Connect provider: no password, the provider vouched for the person. */
        SINGLE_SIGN_ON
    }

    private final AuditLog audit;

    SignInAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** Which proof the second step of a two-factor sign-in was given. */
    public enum SecondFactor {
        AUTHENTICATOR_APP,
        RECOVERY_CODE
    }

    public void record(String username, String address, Channel channel, SignInOutcome outcome) {
        record(username, address, channel, outcome, null);
    }

    /** The same, with why the attempt was refused when the outcome alone does not say (single sign-on). */
    public void record(String username, String address, Channel channel, SignInOutcome outcome, String reason) {
        var details = details(username, address, channel, outcome);
        if (reason != null) {
            details.put("reason", reason);
        }
        write(username, details, outcome);
    }

    /** An attempt at the second step of a two-factor sign-in; {@code factor}: what was accepted, or null. */
    public void recordSecondStep(String username, String address, SignInOutcome outcome, SecondFactor factor) {
        var details = details(username, address, Channel.WEB, outcome);
        details.put("step", "two-factor");
        if (factor != null) {
            details.put("factor", factor.name());
        }
        write(username, details, outcome);
    }

    private static LinkedHashMap<String, Object> details(
            String username, String address, Channel channel, SignInOutcome outcome) {
        var details = new LinkedHashMap<String, Object>();
        details.put("username", username);
        details.put("address", address);
        details.put("channel", channel.name());
        details.put("outcome", outcome.name());
        return details;
    }

    private void write(String username, LinkedHashMap<String, Object> details, SignInOutcome outcome) {
        // Until the password is confirmed, nobody is known to be acting: the username is only what was typed.
        String actor = outcome == SignInOutcome.SUCCEEDED ? username : "anonymous";
        String action = switch (outcome) {
            case SUCCEEDED -> "sign-in";
            case PASSWORD_ACCEPTED -> "sign-in-password-accepted";
            case FAILED -> "sign-in-failed";
            case THROTTLED -> "sign-in-throttled";
            case LOCKED -> "sign-in-locked";
        };
        audit.recordAs(actor, action, "sign_in", username, null, details);
    }
}
