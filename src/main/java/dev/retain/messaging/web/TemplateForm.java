package dev.retain.messaging.web;

import dev.retain.messaging.Channel;
import dev.retain.messaging.MessageTemplate;
import dev.retain.messaging.TemplateDraft;

/** The template editor's fields, and the customer to preview for. */
record TemplateForm(String name, Channel channel, String locale, String subject, String body, Long customerId) {

    static TemplateForm blank(Channel channel) {
        return new TemplateForm("", channel == null ? Channel.EMAIL : channel, "zh-CN", "", "", null);
    }

    static TemplateForm of(MessageTemplate template, Long customerId) {
        return new TemplateForm(
                template.name(),
                template.channel(),
                template.locale(),
                template.subject(),
                template.body(),
                customerId);
    }

    TemplateDraft draft() {
        return new TemplateDraft(name, channel, locale, subject, body);
    }
}
