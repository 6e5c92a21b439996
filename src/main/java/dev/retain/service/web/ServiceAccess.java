package dev.retain.service.web;

/** Who may do what at the service desk. Reads of tickets follow the data scope (a ticket is seen with its customer). */
final class ServiceAccess {

    /** Read tickets: the desk, and salespeople about their own customers. */
    static final String READ = "hasAnyRole('ADMIN', 'MANAGER', 'SERVICE', 'SALES')";

    /** Open, answer, move, assign and merge tickets: the desk. */
    static final String WORK = "hasAnyRole('ADMIN', 'MANAGER', 'SERVICE')";

    /** Change the desk's settings, categories and canned replies. */
    static final String SETTINGS = "hasAnyRole('ADMIN', 'MANAGER')";

    private ServiceAccess() {}
}
