/**
 * Ingest (the customer data hub's way in): imports of customers, orders and events from CSV and XLSX files as durable
 * background jobs — column mapping, cleansing, identity resolution through the owning modules, and an account of
 * every row: imported, merged into an existing customer, or rejected with a reason.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ingest")
package dev.retain.ingest;
