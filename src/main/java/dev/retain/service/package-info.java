/**
 * The service desk (客服工单): tickets of customers from every channel (mail, the web form, the portal, the API, a
 * phone call an agent logs), their threads of public replies and internal notes, statuses with their allowed moves
 * and history, reopening on a customer's reply, merging duplicates, canned replies, categories; the ticket list and
 * page, the API, and the desk's place on the customer page, in conditions, churn features, journeys and the
 * dashboard. Its public API is the types in this package; web controllers live in {@code service.web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Service desk")
package dev.retain.service;
