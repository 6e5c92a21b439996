package dev.retain.messaging;

/** What a user submits to create or change a template; {@code locale} is {@code zh-CN} or {@code en}. */
public record TemplateDraft(String name, Channel channel, String locale, String subject, String body) {}
