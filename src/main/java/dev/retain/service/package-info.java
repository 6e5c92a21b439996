/**
 * The service desk (客服工单): tickets of customers from every channel (mail, the web form, the portal, the API, a
 * phone call an agent logs), their threads of public replies and internal notes, statuses with their allowed moves
 * and history, reopening on a customer's reply, merging duplicates, canned replies, categories; the ticket list and
 * page, the API, and the desk's place on the customer page, in conditions, churn features, journeys and the
 * dashboard. And the knowledge base (知识库): articles in zh-CN and en, public for the customer portal or internal
 * for agents, versioned, found by a search that works for Chinese (CJK characters and their neighbouring pairs are
 * indexed, Latin words with their prefixes), suggested while someone types, and counted each time one is put into a
 * reply. Its public API is the types in this package; web controllers live in {@code service.web} and
 * {@code service.knowledge.web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Service desk")
package dev.retain.service;
