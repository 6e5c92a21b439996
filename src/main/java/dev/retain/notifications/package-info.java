/**
 * Notifications (提醒), so that 关键节点不遗漏: reminders for one user about one customer — a follow-up due, a birthday,
 * a contract ending, an overdue task, a customer going back to the pool soon — made by a producer run from the
 * {@link dev.retain.platform.NotificationSource}s of the modules that own those facts, never twice for the same thing;
 * the bell in the top bar with its list, the optional daily email digest, and the "My day" page assembled from the
 * modules' {@link dev.retain.platform.MyDaySection}s.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package dev.retain.notifications;
