/** Tasks: follow-ups on a customer (call, visit, message) with a due date, for a user, by hand or from a journey. */
@org.springframework.modulith.ApplicationModule(displayName = "Tasks")
package dev.retain.tasks;
