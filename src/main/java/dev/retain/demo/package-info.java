/**
 * Demo: a deterministic, seeded generator of a believable company (customers, orders, events) and its loader. Used by
 * {@code ./retain demo}, by tests and by benchmarks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo dataset")
package dev.retain.demo;
