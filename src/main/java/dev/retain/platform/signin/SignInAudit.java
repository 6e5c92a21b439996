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

    public void record(String username, String address, Channel channel, SignInOutcome outcome) {
        record(username, address, channel, outcome, null);
    }

    /** The same, with why the attempt was refused when the outcome alone does not say (single sign-on). */
    public void record(String username, String address, Channel channel, SignInOutcome outcome, String reason) {
        var details = new LinkedHashMap<String, Object>();
        details.put("username", username);
        details.put("address", address);
        details.put("channel", channel.name());
        details.put("outcome", outcome.name());
        if (reason != null) {
            details.put("reason", reason);
        }
        // Until the password is confirmed, nobody is known to be acting: the username is only what was typed.
        String actor = outcome == SignInOutcome.SUCCEEDED ? username : "anonymous";
        String action = switch (outcome) {
            case SUCCEEDED -> "sign-in";
            case FAILED -> "sign-in-failed";
            case THROTTLED -> "sign-in-throttled";
            case LOCKED -> "sign-in-locked";
        };
        audit.recordAs(actor, action, "sign_in", username, null, details);
    }
}
