package dev.retain.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.retain.IntegrationTest;
import dev.retain.commerce.OrdersRecorded;
import dev.retain.coupons.CampaignDraft;
import dev.retain.coupons.CampaignKind;
import dev.retain.coupons.CouponCampaign;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.coupons.Coupons;
import dev.retain.messaging.Channel;
import dev.retain.messaging.MessageTemplate;
import dev.retain.messaging.MessagingTestServers;
import dev.retain.messaging.MovableClock;
import dev.retain.messaging.TemplateDraft;
import dev.retain.messaging.Templates;
import dev.retain.segments.Audience;
import dev.retain.segments.AudienceDraft;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.Audiences;
import dev.retain.tasks.Task;
import dev.retain.tasks.Tasks;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Journeys from the field end to end, on a database of their own with a real SMTP server and a clock the test moves:
 * the dormant win-back (a coupon by email, then a wait for its redemption — won back, or a reminder and a call task),
 * and the new-customer welcome (emails on days 1 and 3, a coupon on day 7, left on the second order).
 */
@IntegrationTest
@TestPropertySource(properties = {"retain.data-dir=target/test-data-journeys", "retain.messaging.worker.delay-ms=100"})
@Import(MessagingTestServers.class)
@Tag("embedded")
class JourneyTemplatesTests {

    @Autowired
    Journeys journeys;

    @Autowired
    Audiences audiences;

    @Autowired
    CouponCampaigns campaigns;

    @Autowired
    Coupons coupons;

    @Autowired
    Templates templates;

    @Autowired
    GreenMail smtp;

    @Autowired
    MovableClock clock;

    @Autowired
    JourneyReports reports;

    @Autowired
    Tasks tasks;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void dormantCustomersGetACouponByEmailAndThoseWhoDoNotUseItAReminder() throws Exception {
        Audience dormant = tag("沉睡客户");
        Audience wonBack = tag("已唤醒");
        CouponCampaign campaign = campaigns.create(new CampaignDraft(
                "回归礼",
                "满100减20",
                CampaignKind.FIXED,
                new BigDecimal("20"),
                null,
                null,
                new BigDecimal("100"),
                null,
                null,
                30,
                null,
                1,
                null));
        MessageTemplate offer = templates.create(new TemplateDraft(
                "回归优惠",
                Channel.EMAIL,
                "zh-CN",
                "{{customer.firstName | default: \"顾客\"}}，好久不见",
                "送您一张优惠券 {{coupon.code}}（{{coupon.description}}），15 天内有效。"));
        MessageTemplate reminder = templates.create(
                new TemplateDraft("回归提醒", Channel.EMAIL, "zh-CN", "您的优惠券还没用哦", "优惠券 {{coupon.code}} 即将到期。"));
        Journey journey = journeys.create(
                "沉睡唤醒",
                null,
                json.readTree("""
                        {"trigger": {"type": "tag_added", "audienceId": %d}, "entryLimit": {"rule": "once"},
                         "start": "give",
                         "nodes": {
                           "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "offer"},
                           "offer": {"type": "send_email", "params": {"templateId": %d}, "next": "await"},
                           "await": {"type": "wait", "params": {"event": "coupon_redeemed", "days": 15},
                                     "branches": {"event": "won"}, "next": "remind"},
                           "won": {"type": "add_tag", "params": {"tagId": %d}, "next": "undormant"},
                           "undormant": {"type": "remove_tag", "params": {"tagId": %d}, "next": "end"},
                           "remind": {"type": "send_email", "params": {"templateId": %d}, "next": "call"},
                           "call": {"type": "create_task",
                                    "params": {"title": "回访：优惠券未使用", "kind": "CALL", "dueInDays": 1}, "next": "end"},
                           "end": {"type": "exit"}}}""".formatted(
                                dormant.id(), campaign.id(), offer.id(), wonBack.id(), dormant.id(), reminder.id())),
                "test");
        journeys.setStatus(journey.id(), "ACTIVE");
        long wang = customer("王芳", "wang.fang@example.com");
        long li = customer("李雷", "li.lei@example.com");

        audiences.tag(dormant.id(), List.of(wang, li), Map.of());

        await().atMost(Duration.ofSeconds(15))
                .until(() -> to("wang.fang@example.com").size() == 1
                        && to("li.lei@example.com").size() == 1);
        MimeMessage toWang = to("wang.fang@example.com").get(0);
        assertThat(toWang.getSubject()).isEqualTo("芳，好久不见");
        String code = coupons.heldBy(wang).get(0).code();
        assertThat(GreenMailUtil.getBody(toWang)).contains(code);

        coupons.redeem(code, new BigDecimal("150"), null, wang);
        await().atMost(Duration.ofSeconds(10)).until(() -> members(wonBack.id()).contains(wang));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !members(dormant.id()).contains(wang));

        clock.advance(Duration.ofDays(16));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> to("li.lei@example.com").size() == 2);
        assertThat(to("li.lei@example.com")).extracting(MimeMessage::getSubject).containsExactly("雷，好久不见", "您的优惠券还没用哦");
        assertThat(to("wang.fang@example.com")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> tasks.ofCustomer(li).size() == 1);
        Task call = tasks.ofCustomer(li).get(0);
        assertThat(call.title()).isEqualTo("回访：优惠券未使用");
        assertThat(call.kind()).isEqualTo("CALL");
        assertThat(call.sourceRef()).startsWith("journey:" + journey.id() + ":");
        assertThat(Duration.between(clock.instant(), call.dueAt()))
                .isBetween(Duration.ofHours(23), Duration.ofHours(25));
        assertThat(tasks.ofCustomer(wang)).isEmpty();
        assertThat(members(wonBack.id())).containsExactly(wang);
        JourneyReport report = reports.of(journey.id());
        assertThat(report.nodes().get("offer")).containsEntry("ACTED", 2L);
        assertThat(report.nodes().get("remind")).containsEntry("ACTED", 1L);
        assertThat(report.nodes().get("give")).containsEntry("COUPON_REDEEMED", 1L);
        assertThat(report.enrolments()).containsEntry("COMPLETED", 2L);
        assertThat(report.nodes().get("call")).containsEntry("ACTED", 1L);
        assertThat(report.costs().messages()).isEqualTo(3);
        assertThat(report.costs().sent()).isEqualTo(3);
        assertThat(report.costs().couponsIssued()).isEqualTo(2);
        assertThat(report.costs().couponsRedeemed()).isEqualTo(1);
        assertThat(report.costs().discount()).isEqualByComparingTo("20");
        assertThat(report.costs().incrementalRevenue()).isNull(); // no holdout in this journey
    }

    @Test
    void newCustomersAreWelcomedOnDays1And3GetACouponOnDay7AndLeaveOnTheirSecondOrder() throws Exception {
        CouponCampaign repeat = campaigns.create(new CampaignDraft(
                "复购礼",
                "第二单立减10元",
                CampaignKind.FIXED,
                new BigDecimal("10"),
                null,
                null,
                null,
                null,
                null,
                14,
                null,
                1,
                null));
        long welcome = email("欢迎", "欢迎加入，{{customer.firstName}}");
        long guide = email("指南", "商品使用指南");
        long coupon = email("复购券", "您的复购券 {{coupon.code}}");
        Journey journey = journeys.create(
                "新客欢迎", null, json.readTree("""
                        {"trigger": {"type": "order_placed"}, "entryLimit": {"rule": "once"},
                         "goal": {"type": "order", "withinDays": 30}, "start": "day1",
                         "nodes": {
                           "day1": {"type": "wait", "params": {"days": 1}, "next": "welcome"},
                           "welcome": {"type": "send_email", "params": {"templateId": %d, "marketing": false},
                                       "next": "day3"},
                           "day3": {"type": "wait", "params": {"days": 2}, "next": "guide"},
                           "guide": {"type": "send_email", "params": {"templateId": %d, "marketing": false},
                                     "next": "day7"},
                           "day7": {"type": "wait", "params": {"days": 4}, "next": "give"},
                           "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "offer"},
                           "offer": {"type": "send_email", "params": {"templateId": %d}, "next": "end"},
                           "end": {"type": "exit"}}}""".formatted(welcome, guide, repeat.id(), coupon)), "test");
        journeys.setStatus(journey.id(), "ACTIVE");
        long zhang = customer("张伟", "zhang.wei@example.com");
        long chen = customer("陈静", "chen.jing@example.com");

        placeOrder(zhang);
        placeOrder(chen);
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingAt(journey.id(), "day1") == 2);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> subjects("zhang.wei@example.com").contains("欢迎"));
        clock.advance(Duration.ofDays(2).plusMinutes(1));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> subjects("chen.jing@example.com").contains("指南"));

        placeOrder(zhang); // the second order: the goal
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select status from journey_enrolments where journey_id = ? and customer_id = ?")
                        .params(journey.id(), zhang)
                        .query(String.class)
                        .single()
                        .equals("CONVERTED"));
        clock.advance(Duration.ofDays(4).plusMinutes(1));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> subjects("chen.jing@example.com").contains("复购券"));

        assertThat(subjects("zhang.wei@example.com")).containsExactly("欢迎", "指南");
        assertThat(subjects("chen.jing@example.com")).containsExactly("欢迎", "指南", "复购券");
        assertThat(coupons.heldBy(zhang)).isEmpty();
        assertThat(coupons.heldBy(chen)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from journey_enrolments where journey_id = ?")
                        .param(journey.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2); // the second order did not enrol anyone again
    }

    private long email(String subject, String body) {
        return templates
                .create(new TemplateDraft(subject, Channel.EMAIL, "zh-CN", subject, body))
                .id();
    }

    private void placeOrder(long customer) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                                base_amount, created_at)
                            values (?, 'shop', ?, ?, 'PAID', 'CNY', 120, 120, now())""")
                    .params(customer, "W" + System.nanoTime(), java.sql.Timestamp.from(clock.instant()))
                    .update();
            events.publishEvent(new OrdersRecorded(List.of(customer), false));
        });
    }

    private long waitingAt(long journeyId, String node) {
        return jdbc.sql("""
                        select count(*) from journey_history where journey_id = ? and event = 'WAITING' and node_id = ?""").params(journeyId, node).query(Long.class).single();
    }

    private List<String> subjects(String address) {
        return to(address).stream()
                .map(message -> {
                    try {
                        return message.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private List<MimeMessage> to(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> {
                    try {
                        return message.getAllRecipients()[0].toString().equals(address);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private Audience tag(String name) {
        return audiences.create(AudienceKind.TAG, new AudienceDraft(name, null, AudienceMode.MANUAL, null, true, null));
    }

    private long customer(String name, String email) {
        return jdbc.sql("""
                        insert into customers (kind, name, email, custom_fields, created_at, updated_at)
                        values ('PERSON', ?, ?, '{}', now(), now()) returning id""").params(name, email).query(Long.class).single();
    }

    private List<Long> members(long audienceId) {
        return jdbc.sql("select customer_id from audience_members where audience_id = ? order by customer_id")
                .param(audienceId)
                .query(Long.class)
                .list();
    }
}
