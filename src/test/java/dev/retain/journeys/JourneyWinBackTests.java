package dev.retain.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.retain.IntegrationTest;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.ObjectMapper;

/**
 * The dormant win-back journey end to end, on a database of its own with a real SMTP server and a clock the test
 * moves: a coupon and a personalised email on entering, then a wait for the coupon to be redeemed — redeemed: tagged
 * as won back and taken out of the dormant tag; not within 15 days: a second, different email.
 */
@IntegrationTest
@TestPropertySource(properties = {"retain.data-dir=target/test-data-journeys", "retain.messaging.worker.delay-ms=100"})
@Import(MessagingTestServers.class)
@Tag("embedded")
class JourneyWinBackTests {

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
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

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

        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length == 2);
        MimeMessage toWang = to("wang.fang@example.com").get(0);
        assertThat(toWang.getSubject()).isEqualTo("芳，好久不见");
        String code = coupons.heldBy(wang).get(0).code();
        assertThat(GreenMailUtil.getBody(toWang)).contains(code);

        coupons.redeem(code, new BigDecimal("150"), null, wang);
        await().atMost(Duration.ofSeconds(10)).until(() -> members(wonBack.id()).contains(wang));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !members(dormant.id()).contains(wang));

        clock.advance(Duration.ofDays(16));
        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length == 3);
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
