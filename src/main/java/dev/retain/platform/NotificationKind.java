package dev.retain.platform;

/**
 * What a notification (提醒) is about. Each kind has its message keys {@code notifications.kind.<NAME>}; a module that
 * brings a new kind of reminder adds it here with its messages and a {@link NotificationSource}.
 */
public enum NotificationKind {
    /** The next follow-up planned for a customer is due. */
    FOLLOW_UP_DUE,
    /** A customer's birthday is today or in a few days. */
    BIRTHDAY,
    /** A customer's contract (a date custom field) ends in a few days. */
    CONTRACT_ENDING,
    /** An open task is past its due time. */
    TASK_OVERDUE,
    /** An owned customer goes back to the public pool soon unless followed up. */
    POOL_RECLAIM_SOON,
    /** An open opportunity has sat in its stage longer than the stage allows. */
    OPPORTUNITY_STUCK,
    /** A ticket's SLA target is close to its due time (most of its business time used). */
    SLA_WARNING,
    /** A ticket's SLA target was breached: its team's managers are told. */
    SLA_BREACHED
}
