package dev.retain.journeys;

import dev.retain.coupons.Coupons;
import dev.retain.coupons.IssuedCoupon;
import dev.retain.messaging.Channel;
import dev.retain.messaging.MessageClicked;
import dev.retain.messaging.MessageOpened;
import dev.retain.messaging.MessageTemplate;
import dev.retain.messaging.Messaging;
import dev.retain.messaging.Outbound;
import dev.retain.messaging.Templates;
import dev.retain.platform.NotFoundException;
import dev.retain.predict.NextBestProducts;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;
import tools.jackson.databind.JsonNode;

/**
 * Journey actions that send: {@code send_email}, {@code send_sms}, {@code send_webhook} with {@code params.templateId}
 * (and {@code marketing}, true unless false: marketing messages count against the frequency cap and need consent).
 * The message gets the coupon this enrolment was issued last and the customer's next-best products; opens and clicks
 * come back to the enrolment's history.
 */
@Configuration(proxyBeanMethods = false)
class MessageActions {

    private static final int RECOMMENDED = 3;

    @Bean
    JourneyAction sendEmailAction(
            Messaging messaging, Templates templates, Coupons coupons, NextBestProducts products) {
        return new SendAction("send_email", Channel.EMAIL, messaging, templates, coupons, products);
    }

    @Bean
    JourneyAction sendSmsAction(Messaging messaging, Templates templates, Coupons coupons, NextBestProducts products) {
        return new SendAction("send_sms", Channel.SMS, messaging, templates, coupons, products);
    }

    @Bean
    JourneyAction sendWebhookAction(
            Messaging messaging, Templates templates, Coupons coupons, NextBestProducts products) {
        return new SendAction("send_webhook", Channel.WEBHOOK, messaging, templates, coupons, products);
    }

    @Bean
    MessageOutcomes messageOutcomes(JourneyOutcomes outcomes) {
        return new MessageOutcomes(outcomes);
    }

    record SendAction(
            String type,
            Channel channel,
            Messaging messaging,
            Templates templates,
            Coupons coupons,
            NextBestProducts products)
            implements JourneyAction {

        @Override
        public boolean reachesCustomer() {
            return true;
        }

        /** The template must exist, be for this channel, and use only variables it knows. */
        @Override
        public List<String> problems(JsonNode params) {
            long templateId = params.path("templateId").asLong(0);
            if (templateId <= 0) {
                return List.of("templateId: the " + channel.name().toLowerCase(java.util.Locale.ROOT) + " template");
            }
            try {
                if (templates.find(templateId).channel() != channel) {
                    return List.of("templateId: template " + templateId + " is not a " + channel + " template");
                }
            } catch (NotFoundException e) {
                return List.of("templateId: no template " + templateId);
            }
            List<String> unknown = templates.unknownVariables(templateId);
            return unknown.isEmpty()
                    ? List.of()
                    : List.of("templateId: template " + templateId + " uses unknown variables " + unknown);
        }

        /** Looks up only what the template uses: most messages need neither a coupon nor recommendations. */
        @Override
        public void run(ActionContext context) {
            long templateId = context.params().get("templateId").asLong();
            MessageTemplate template = templates.find(templateId);
            Map<String, Object> variables = new HashMap<>();
            if (template.uses("coupon")) {
                String enrolment =
                        context.sourceRef().substring(0, context.sourceRef().indexOf(":node:") + 1);
                coupons.heldBy(context.customerId()).stream()
                        .filter(coupon ->
                                coupon.sourceRef() != null && coupon.sourceRef().startsWith(enrolment))
                        .max(Comparator.comparing(IssuedCoupon::issuedAt))
                        .ifPresent(coupon -> variables.put(
                                "coupon", Map.of("code", coupon.code(), "description", coupon.description())));
            }
            if (template.uses("recommendations")) {
                variables.put(
                        "recommendations",
                        products.forCustomer(context.customerId(), RECOMMENDED).stream()
                                .map(product -> Map.of("sku", product.sku(), "name", product.name()))
                                .toList());
            }
            messaging.send(new Outbound(
                    channel,
                    context.customerId(),
                    templateId,
                    variables,
                    context.idempotencyKey(),
                    context.sourceRef(),
                    context.params().path("marketing").asBoolean(true)));
        }
    }

    /** Opens and clicks of a journey's messages, into the enrolment's history. */
    static class MessageOutcomes {

        private final JourneyOutcomes outcomes;

        MessageOutcomes(JourneyOutcomes outcomes) {
            this.outcomes = outcomes;
        }

        @ApplicationModuleListener
        void on(MessageOpened opened) {
            outcomes.record(opened.sourceRef(), "opened");
        }

        @ApplicationModuleListener
        void on(MessageClicked clicked) {
            outcomes.record(clicked.sourceRef(), "clicked");
        }
    }
}
