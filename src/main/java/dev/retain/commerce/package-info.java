/**
 * Commerce: products and categories, orders with their lines, refunds and cancellations (kept, never deleted, and
 * left out of spend).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Commerce")
package dev.retain.commerce;
