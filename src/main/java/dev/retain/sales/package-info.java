/**
 * The sales workspace: follow-up records (跟进记录) — what a salesperson did with a customer, how it went and when to
 * follow up next — on the customer page, its timeline and in conditions. Public pools, reclaim and claim rules,
 * reminders and opportunities are to come here too.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sales")
package dev.retain.sales;
