package dev.retain.platform;

import org.springframework.security.access.AccessDeniedException;

/**
 * The caller's roles do not allow this particular change, though the route itself is open to them (an UNSUBSCRIBED
 * suppression only an admin may lift, say). The API answers 403 problem+json with the message, which says who may.
 */
public class ForbiddenException extends AccessDeniedException {

    public ForbiddenException(String message) {
        super(message);
    }
}
