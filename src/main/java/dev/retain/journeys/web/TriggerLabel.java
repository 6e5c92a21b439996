package dev.retain.journeys.web;

/**
 * A journey's trigger as its page says it, translated: its kind, what it listens to (a tag's or segment's name, an
 * event type) and the entry rule.
 */
public record TriggerLabel(String type, String subject, String entryRule) {}
