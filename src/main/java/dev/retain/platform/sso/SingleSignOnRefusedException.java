package dev.retain.platform.sso;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** The provider vouched for someone, but Retain does not let them in; names who, when known, and why. */
public class SingleSignOnRefusedException extends OAuth2AuthenticationException {

    private final SingleSignOnRefusal refusal;
    private final String username;

    public SingleSignOnRefusedException(SingleSignOnRefusal refusal, String username) {
        super(
                new OAuth2Error("retain_" + refusal.parameter()),
                "Single sign-on refused: " + refusal + " (" + username + ")");
        this.refusal = refusal;
        this.username = username;
    }

    public SingleSignOnRefusal refusal() {
        return refusal;
    }

    /** The Retain username concerned, or null when the provider named none. */
    public String username() {
        return username;
    }
}
