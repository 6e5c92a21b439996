package dev.retain.messaging.web;

/** Who may do what with messages: reading is for everyone signed in. */
final class MessagingRoles {

    /** Write templates, send, retry dead letters. */
    static final String WRITERS = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')";

    /** Keep the suppression list and consents: also the service team, who hear "stop messaging me" first. */
    static final String SUPPRESSORS = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER', 'SERVICE')";

    private MessagingRoles() {}
}
