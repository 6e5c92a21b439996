/**
 * Service desk: tickets from mail, the web, a customer portal and the API, dispatched to the right agents, with SLAs in
 * business time, satisfaction surveys and alerts on recurring problems; and the knowledge base (知识库) — articles in
 * zh-CN and en, public for the customer portal or internal for agents, versioned, found by a search that works for
 * Chinese (no spaces between words: CJK characters and their neighbouring pairs are indexed, Latin words with their
 * prefixes), suggested for a ticket while an agent answers it or to a customer while they type, and counted each time
 * one is put into a reply.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Service desk")
package dev.retain.service;
