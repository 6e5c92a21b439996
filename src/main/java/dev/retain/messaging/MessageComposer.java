package dev.retain.messaging;

import dev.retain.customers.Customer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Renders a claimed delivery for its customer. Emails get their links rewritten to signed click-tracking links and an
 * open-tracking pixel; every message gets its own unsubscribe link. A template with unknown variables is not sent.
 */
@Component
class MessageComposer {

    private static final Pattern HREF = Pattern.compile("href=\"(https?://[^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private final Templates templates;
    private final TrackingLinks links;

    MessageComposer(Templates templates, TrackingLinks links) {
        this.templates = templates;
        this.links = links;
    }

    OutgoingMessage compose(DeliveryTable.Claimed delivery, Customer customer) throws SendFailure {
        MessageTemplate template;
        try {
            template = templates.find(delivery.templateId());
        } catch (RuntimeException e) {
            throw new SendFailure("template " + delivery.templateId() + " does not exist", true);
        }
        List<String> unknown = template.unknownVariables();
        if (!unknown.isEmpty()) {
            throw new SendFailure("template " + template.id() + " uses unknown variables " + unknown, true);
        }
        String unsubscribeUrl = links.unsubscribeUrl(delivery.id());
        Map<String, Object> context = Personalisation.context(customer, delivery.variables(), unsubscribeUrl);
        boolean email = delivery.channel() == Channel.EMAIL;
        String subject = template.subject() == null
                ? null
                : TemplateRenderer.render(
                        template.subject(), context, TemplateRenderer.Format.TEXT, template.javaLocale());
        String body = TemplateRenderer.render(
                template.body(),
                context,
                email ? TemplateRenderer.Format.HTML : TemplateRenderer.Format.TEXT,
                template.javaLocale());
        if (email) {
            body = withPixel(trackedLinks(body, delivery.id()), delivery.id());
        }
        return new OutgoingMessage(
                delivery.id(),
                customer.id(),
                delivery.channel(),
                Personalisation.address(customer, delivery.channel()),
                subject,
                body,
                delivery.idempotencyKey(),
                unsubscribeUrl);
    }

    private String trackedLinks(String html, long deliveryId) {
        Matcher matcher = HREF.matcher(html);
        var out = new StringBuilder();
        while (matcher.find()) {
            String url = matcher.group(1).replace("&amp;", "&");
            String target = links.isOurs(url) ? url : links.clickUrl(deliveryId, url);
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement("href=\"" + TemplateRenderer.escape(target) + "\""));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String withPixel(String html, long deliveryId) {
        String pixel = "<img src=\"" + links.openUrl(deliveryId)
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
        int end = html.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return end < 0 ? html + pixel : html.substring(0, end) + pixel + html.substring(end);
    }
}
