package dev.retain.messaging;

import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Customers and templates named after what a messaging test needs, each unique to the test that makes it. */
final class MessagingFixtures {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Customers customers;
    private final Templates templates;

    MessagingFixtures(Customers customers, Templates templates) {
        this.customers = customers;
        this.templates = templates;
    }

    /** Today at this local time in the company's zone (Asia/Shanghai). */
    static Instant todayAt(int hour, int minute) {
        return LocalDate.now(SHANGHAI)
                .atTime(LocalTime.of(hour, minute))
                .atZone(SHANGHAI)
                .toInstant();
    }

    static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    Customer aCustomerWithEmailAndPhone(String name) {
        long n = SEQUENCE.incrementAndGet();
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                name,
                "+86139" + String.format("%08d", n % 100_000_000),
                "c" + n + "@customers.example.com",
                null,
                null,
                "杭州",
                null,
                null,
                null,
                null,
                null,
                "test",
                Map.of()));
    }

    Customer aCustomerWithoutEmail(String name) {
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                name,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "test",
                Map.of()));
    }

    MessageTemplate anEmailTemplate() {
        return templates.create(new TemplateDraft(
                unique("welcome back"), Channel.EMAIL, "zh-CN", "{{customer.firstName | default: \"顾客\"}}，好久不见", """
                <html><body><p>亲爱的{{customer.firstName | default: "顾客"}}：</p>
                <p>送您一张优惠券 <b>{{coupon.code}}</b>（{{coupon.description}}）。</p>
                {{recommendations}}
                <p><a href="https://shop.example.com/offer?c=1&amp;src=mail">去看看</a></p>
                <p><a href="{{unsubscribe_url}}">退订</a></p></body></html>"""));
    }

    MessageTemplate anSmsTemplate() {
        return templates.create(new TemplateDraft(
                unique("sms reminder"),
                Channel.SMS,
                "zh-CN",
                null,
                "【小店】{{customer.firstName | default: \"顾客\"}}您好，券码{{coupon.code}}，退订 {{unsubscribe_url}}"));
    }

    MessageTemplate aWebhookTemplate() {
        return templates.create(new TemplateDraft(
                unique("vip alert"), Channel.WEBHOOK, "zh-CN", null, "**{{customer.name}}** 可能流失，请跟进。"));
    }

    static Map<String, Object> couponVariables() {
        return Map.of(
                "coupon", Map.of("code", "BACK-30", "description", "满200减30"),
                "recommendations", java.util.List.of(Map.of("sku", "MB-1003", "name", "储奶袋")));
    }
}
