/**
 * The sales workspace: follow-up records (跟进记录) — what a salesperson did with a customer, how it went and when to
 * follow up next — on the customer page, its timeline and in conditions; public pools (公海) with their reclaim and
 * claim rules; and opportunities (商机) moving through the funnel's stages to won (an order) or lost, with their board,
 * stuck alerts, figures and forecast. Reminders are to come here too.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sales")
package dev.retain.sales;
