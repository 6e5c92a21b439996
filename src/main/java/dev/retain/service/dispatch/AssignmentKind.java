package dev.retain.service.dispatch;

/** What gave a ticket to its agent, as its assignment history shows. */
public enum AssignmentKind {
    /** A dispatch rule sent it to the team, whose strategy chose the agent at once. */
    RULE,
    /** A rule with "owner first" gave it to the customer's owner. */
    OWNER_FIRST,
    /** It waited in the team's queue until an agent had capacity. */
    QUEUE,
    /** A person assigned it. */
    MANUAL
}
