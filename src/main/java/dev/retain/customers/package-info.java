/**
 * Customers: one profile per person or company that buys — identities (phone, email, external ids), contacts at
 * company customers, owner, lifecycle stage and typed custom fields — and the pages and API to find and edit them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customers")
package dev.retain.customers;
