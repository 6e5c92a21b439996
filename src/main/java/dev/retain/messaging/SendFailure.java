package dev.retain.messaging;

/**
 * A send that did not go through. A permanent failure (an address the server rejects, a gateway saying the request is
 * wrong, a template with unknown variables) goes straight to the dead-letter list; any other is retried.
 */
class SendFailure extends Exception {

    private final boolean permanent;

    SendFailure(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    SendFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    boolean permanent() {
        return permanent;
    }
}
