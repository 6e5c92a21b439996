package dev.retain.service.dispatch;

/** Who may do what with dispatch: admins and managers keep its rules and settings; every agent their own duty. */
final class DispatchAccess {

    /** Rules, team settings, agents' caps and skills, and anyone's duty. */
    static final String MANAGE = "hasAnyRole('ADMIN', 'MANAGER')";

    /** Toggle one's own duty, see the queue. */
    static final String AGENT = "hasAnyRole('ADMIN', 'MANAGER', 'SERVICE')";

    private DispatchAccess() {}
}
