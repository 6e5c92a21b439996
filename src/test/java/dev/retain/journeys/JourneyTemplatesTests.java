package dev.retain.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import dev.retain.customers.CustomFieldType;
import dev.retain.customers.CustomFields;
import dev.retain.customers.Customers;
import dev.retain.messaging.Channel;
import dev.retain.messaging.MessageTemplate;
import dev.retain.messaging.MessagingTestServers;
import dev.retain.messaging.MovableClock;
import dev.retain.messaging.TemplateDraft;
import dev.retain.messaging.Templates;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.predict.AssociationThresholds;
import dev.retain.predict.ProductAssociations;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * the new-customer welcome (emails on days 1 and 3, a coupon on day 7, left on the second order), birthday care (a
 * coupon and products picked from their history a week before) and contract renewal (a task for the owner and a
 * reminder 30 days before the end; the manager's task if not renewed a week before).
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

    @Autowired
    ScheduledJourneyTriggers dailyTriggers;

    @Autowired
    ProductAssociations associations;

    @Autowired
    CustomFields customFields;

    @Autowired
    Customers customers;

    @Autowired
    UserAccounts users;

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

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

    @Test
    void aWeekBeforeTheirBirthdayCustomersGetACouponAndProductsPickedFromTheirHistory() throws Exception {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        long zhou = customer("周敏", "zhou.min@example.com");
        long later = customer("吴昊", "wu.hao@example.com");
        setBirthday(zhou, today.plusDays(5).minusYears(31));
        setBirthday(later, today.plusDays(20).minusYears(28));
        for (int i = 0; i < 3; i++) {
            long buyer = customer("买家" + i, null);
            orderOf(buyer, "TEA-1", "龙井茶", "BOWL-1", "青瓷茶杯");
        }
        orderOf(customer("买家C", null), "CUP-9", "马克杯");
        orderOf(zhou, "TEA-1", "龙井茶");
        associations.recompute(new AssociationThresholds(0.0, 0.1, 1.0, 1));
        CouponCampaign gift = campaigns.create(new CampaignDraft(
                "生日礼",
                "生日立减30元",
                CampaignKind.FIXED,
                new BigDecimal("30"),
                null,
                null,
                null,
                null,
                null,
                30,
                null,
                1,
                null));
        long greeting = email("生日快乐", "{{customer.firstName}}，生日快乐！礼券 {{coupon.code}}。为您挑选：{{recommendations}}");
        Journey journey = journeys.create("生日关怀", null, json.readTree("""
                        {"trigger": {"type": "schedule",
                                     "condition": {"field": "profile.birthday", "op": "anniversary_in_next_days", "value": 7}},
                         "entryLimit": {"rule": "again_after_days", "days": 300}, "start": "give",
                         "nodes": {
                           "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "greet"},
                           "greet": {"type": "send_email", "params": {"templateId": %d}, "next": "end"},
                           "end": {"type": "exit"}}}""".formatted(gift.id(), greeting)), "test");
        journeys.setStatus(journey.id(), "ACTIVE");

        dailyTriggers.run();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> to("zhou.min@example.com").size() == 1);
        MimeMessage message = to("zhou.min@example.com").get(0);
        String body = decodedText(message);
        assertThat(message.getSubject()).isEqualTo("生日快乐");
        assertThat(body)
                .contains(coupons.heldBy(zhou).get(0).code())
                .contains("青瓷茶杯")
                .doesNotContain("龙井茶");

        clock.advance(Duration.ofDays(1));
        dailyTriggers.run(); // the next day's run: still within 7 days, but entered already this year
        assertThat(jdbc.sql("select count(*) from journey_enrolments where journey_id = ?")
                        .param(journey.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(to("wu.hao@example.com")).isEmpty();
        assertThat(coupons.heldBy(zhou)).hasSize(1);
    }

    @Test
    void contractsEndingIn30DaysGetTheOwnerATaskAndTheManagerOneIfNotRenewedAWeekBefore() throws Exception {
        String key = "contract_end_" + Long.toString(System.nanoTime(), 36);
        customFields.define(new CustomFields.NewField(key, "合同到期日", CustomFieldType.DATE, List.of(), false));
        customFields.define(new CustomFields.NewField(key + "_status", "续约状态", CustomFieldType.TEXT, List.of(), false));
        long owner = users.create(
                        new UserAccounts.NewUser(key + "-sales", "销售小王", null, "password 123", Set.of(Role.SALES)))
                .id();
        long manager = users.create(
                        new UserAccounts.NewUser(key + "-manager", "经理老李", null, "password 123", Set.of(Role.MANAGER)))
                .id();
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        long renews = customer("华信科技", "it@huaxin.example.com");
        long lapses = customer("远达物流", "it@yuanda.example.com");
        for (long company : List.of(renews, lapses)) {
            jdbc.sql(
                            "update customers set owner_id = ?, custom_fields = jsonb_build_object(?::text, ?::text) where id = ?")
                    .params(owner, key, today.plusDays(30).toString(), company)
                    .update();
        }
        long reminder = email("合同即将到期", "贵司合同将于 30 天后到期，请联系您的客户经理续约。");
        Journey journey = journeys.create("合同续约", null, json.readTree("""
                        {"trigger": {"type": "schedule",
                                     "condition": {"field": "custom.%1$s", "op": "in_next_days", "value": 30}},
                         "entryLimit": {"rule": "again_after_days", "days": 300}, "start": "ownerTask",
                         "nodes": {
                           "ownerTask": {"type": "create_task",
                                         "params": {"title": "续约跟进", "kind": "VISIT", "dueInDays": 7}, "next": "remind"},
                           "remind": {"type": "send_email", "params": {"templateId": %2$d, "marketing": false},
                                      "next": "weekBefore"},
                           "weekBefore": {"type": "wait", "params": {"days": 23}, "next": "renewed"},
                           "renewed": {"type": "branch",
                                       "params": {"condition": {"field": "custom.%1$s", "op": "in_next_days", "value": 7}},
                                       "branches": {"yes": "escalate", "no": "end"}},
                           "escalate": {"type": "create_task",
                                        "params": {"title": "续约升级：合同 7 天后到期", "assigneeId": %3$d, "dueInDays": 1},
                                        "next": "mark"},
                           "mark": {"type": "update_field", "params": {"field": "custom.%1$s_status", "value": "已升级"},
                                    "next": "end"},
                           "end": {"type": "exit"}}}""".formatted(key, reminder, manager)), "test");
        journeys.setStatus(journey.id(), "ACTIVE");

        dailyTriggers.run();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> to("it@huaxin.example.com").size() == 1
                        && to("it@yuanda.example.com").size() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tasks.ofCustomer(renews).size() == 1
                        && tasks.ofCustomer(lapses).size() == 1);
        assertThat(tasks.ofCustomer(lapses).get(0).assigneeId()).isEqualTo(owner);
        assertThat(tasks.ofCustomer(lapses).get(0).title()).isEqualTo("续约跟进");

        customers.updateCustomFields(
                renews, Map.of(key, today.plusYears(1).plusDays(30).toString())); // renewed
        clock.advance(Duration.ofDays(23).plusMinutes(1));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> tasks.ofCustomer(lapses).size() == 2);
        Task escalation = tasks.ofCustomer(lapses).stream()
                .filter(t -> t.title().startsWith("续约升级"))
                .findFirst()
                .orElseThrow();
        assertThat(escalation.assigneeId()).isEqualTo(manager);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "已升级".equals(customers.find(lapses).customFields().get(key + "_status")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql(
                                        "select count(*) from journey_enrolments where journey_id = ? and status = 'COMPLETED'")
                                .param(journey.id())
                                .query(Long.class)
                                .single()
                        == 2);
        assertThat(tasks.ofCustomer(renews)).hasSize(1);
        assertThat(customers.find(renews).customFields()).doesNotContainKey(key + "_status");
    }

    @Test
    void aFieldUpdateNamingNoFieldOrABadValueIsRefused() {
        String key = "level_" + Long.toString(System.nanoTime(), 36);
        customFields.define(new CustomFields.NewField(key, "等级", CustomFieldType.NUMBER, List.of(), false));
        var graph = json.readTree("""
                {"trigger": {"type": "api"}, "start": "a",
                 "nodes": {"a": {"type": "update_field", "params": {"field": "custom.%1$s", "value": "high"}, "next": "b"},
                           "b": {"type": "update_field", "params": {"field": "custom.nope", "value": "1"}, "next": "c"},
                           "c": {"type": "update_field", "params": {"field": "lifecycle_stage", "value": "VIP"}, "next": "d"},
                           "d": {"type": "update_field", "params": {"field": "custom.%1$s", "value": "3"}, "next": "end"},
                           "end": {"type": "exit"}}}""".formatted(key));
        assertThatThrownBy(() -> journeys.create("Fields", null, graph, "test"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.fieldErrors()).containsKeys("nodes.a.params", "nodes.b.params", "nodes.c.params");
                    assertThat(e.fieldErrors()).doesNotContainKey("nodes.d.params");
                });
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

    /** The message's text parts, decoded. */
    private static String decodedText(jakarta.mail.Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(decodedText(multipart.getBodyPart(i)));
            }
            return text.toString();
        }
        return content instanceof String text ? text : "";
    }

    private void setBirthday(long customer, LocalDate birthday) {
        jdbc.sql("update customers set birthday = ? where id = ?")
                .params(java.sql.Date.valueOf(birthday), customer)
                .update();
    }

    /** A paid order now with one line per (sku, name) pair given. */
    private void orderOf(long customer, String... skuAndName) {
        long order = jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, created_at)
                        values (?, 'shop', ?, ?, 'PAID', 'CNY', 100, 100, now()) returning id""")
                .params(customer, "B" + System.nanoTime(), java.sql.Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        for (int i = 0; i < skuAndName.length; i += 2) {
            jdbc.sql("""
                            insert into order_lines (order_id, line_no, customer_id, sku, product_name, category,
                                                     quantity, unit_price)
                            values (?, ?, ?, ?, ?, '茶', 1, 50)""")
                    .params(order, i / 2 + 1, customer, skuAndName[i], skuAndName[i + 1])
                    .update();
            jdbc.sql("insert into products (sku, name, category, price) values (?, ?, '茶', 50) on conflict do nothing")
                    .params(skuAndName[i], skuAndName[i + 1])
                    .update();
        }
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
