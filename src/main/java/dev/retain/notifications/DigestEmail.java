package dev.retain.notifications;

import dev.retain.platform.CompanyZone;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** Writes a user's daily digest: the subject and an HTML list of the notifications, each linking into Retain. */
@Component
class DigestEmail {

    record Written(String subject, String body) {}

    private final MessageSource messages;
    private final CompanyZone zone;
    private final String baseUrl;
    private final Locale locale;

    DigestEmail(
            MessageSource messages,
            CompanyZone zone,
            @Value("${retain.public-base-url}") String baseUrl,
            @Value("${retain.notifications.digest-language:zh-CN}") String language) {
        this.messages = messages;
        this.zone = zone;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.locale = Locale.forLanguageTag(language);
    }

    Written write(String displayName, List<Notification> notifications) {
        String subject =
                messages.getMessage("notifications.digest.subject", new Object[] {notifications.size()}, locale);
        var body = new StringBuilder("<p>")
                .append(escape(
                        messages.getMessage("notifications.digest.greeting", new Object[] {displayName}, locale)))
                .append("</p>\n<ul>\n");
        for (Notification notification : notifications) {
            body.append("<li><a href=\"")
                    .append(escape(baseUrl + notification.link()))
                    .append("\">")
                    .append(escape(text(notification)))
                    .append("</a></li>\n");
        }
        body.append("</ul>\n<p><a href=\"")
                .append(escape(baseUrl + "/notifications"))
                .append("\">")
                .append(escape(messages.getMessage("notifications.digest.all", null, locale)))
                .append("</a></p>\n");
        return new Written(subject, body.toString());
    }

    String text(Notification notification) {
        return messages.getMessage(notification.messageKey(), notification.messageArgs(zone.zone()), locale);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
