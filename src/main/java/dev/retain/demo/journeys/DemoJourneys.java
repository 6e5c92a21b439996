package dev.retain.demo.journeys;

import dev.retain.coupons.CampaignDraft;
import dev.retain.coupons.CampaignKind;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.journeys.Journey;
import dev.retain.journeys.Journeys;
import dev.retain.messaging.Channel;
import dev.retain.messaging.TemplateDraft;
import dev.retain.messaging.Templates;
import dev.retain.segments.Audience;
import dev.retain.segments.AudienceDraft;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.Audiences;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The four journeys the demo company runs, each with a holdout and an order within 30 days as its goal: the dormant
 * win-back, the new-customer welcome, birthday care and the high-value retention call. Built with the modules' own
 * services, as a marketer would on the journey pages.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class DemoJourneys {

    /** Where the messages' buttons lead; clicks are tracked on the way. */
    private static final String SHOP_URL = "https://shop.example.com/";

    private final Audiences audiences;
    private final CouponCampaigns campaigns;
    private final Templates templates;
    private final Journeys journeys;
    private final ObjectMapper json;

    DemoJourneys(
            Audiences audiences, CouponCampaigns campaigns, Templates templates, Journeys journeys, ObjectMapper json) {
        this.audiences = audiences;
        this.campaigns = campaigns;
        this.templates = templates;
        this.journeys = journeys;
        this.json = json;
    }

    /** Creates and switches on the journeys; returns them. */
    List<Journey> launch() {
        return List.of(winBack(), welcome(), birthday(), highValueRetention());
    }

    private Journey winBack() {
        long dormant = audience(AudienceKind.TAG, "沉睡客户");
        Audience wonBack = audiences.create(
                AudienceKind.TAG,
                new AudienceDraft("已唤醒", "Won back by the win-back journey", AudienceMode.MANUAL, null, true, null));
        long coupon = campaign("回归礼", "满100减20", new BigDecimal("20"), new BigDecimal("100"), 15);
        long offer = email(
                "回归优惠",
                "{{customer.firstName | default: \"顾客\"}}，好久不见",
                "<p>送您一张优惠券 <b>{{coupon.code}}</b>（{{coupon.description}}），15 天内有效。</p>"
                        + "<p>猜您喜欢：{{recommendations}}</p>");
        long reminder = email("回归提醒", "您的优惠券还没用哦", "<p>优惠券 <b>{{coupon.code}}</b> 即将到期。</p>");
        return active("沉睡唤醒", "Dormant customers get a coupon by email; a reminder and a call if unused", """
                {"trigger": {"type": "tag_added", "audienceId": %d},
                 "entryLimit": {"rule": "again_after_days", "days": 180},
                 "holdoutPercent": 10, "goal": {"type": "order", "withinDays": 30}, "start": "give",
                 "nodes": {
                   "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "offer"},
                   "offer": {"type": "send_email", "params": {"templateId": %d}, "next": "await"},
                   "await": {"type": "wait", "params": {"event": "coupon_redeemed", "days": 10},
                             "branches": {"event": "won"}, "next": "remind"},
                   "won": {"type": "add_tag", "params": {"tagId": %d}, "next": "end"},
                   "remind": {"type": "send_email", "params": {"templateId": %d}, "next": "call"},
                   "call": {"type": "create_task", "params": {"title": "回访：优惠券未使用", "dueInDays": 2},
                            "next": "end"},
                   "end": {"type": "exit"}}}""".formatted(
                        dormant, coupon, offer, wonBack.id(), reminder));
    }

    private Journey welcome() {
        long coupon = campaign("复购券", "满80减15", new BigDecimal("15"), new BigDecimal("80"), 14);
        long hello = email("欢迎", "欢迎加入，{{customer.firstName | default: \"新朋友\"}}", "<p>感谢您的第一笔订单！这是我们的商品使用指南。</p>");
        long offer = email("复购优惠", "送您一张复购券", "<p>复购券 <b>{{coupon.code}}</b>（{{coupon.description}}），14 天内有效。</p>");
        return active(
                "新客欢迎",
                "The day after a first order: a welcome; a week later a coupon for the second order",
                """
                {"trigger": {"type": "schedule",
                             "condition": {"and": [{"field": "orders.days_since_first", "op": "lte", "value": 1},
                                                   {"field": "orders.count", "op": "eq", "value": 1}]}},
                 "entryLimit": {"rule": "once"}, "holdoutPercent": 10,
                 "goal": {"type": "order", "withinDays": 30}, "start": "hello",
                 "nodes": {
                   "hello": {"type": "send_email", "params": {"templateId": %d, "marketing": false}, "next": "week"},
                   "week": {"type": "wait", "params": {"days": 6}, "next": "give"},
                   "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "offer"},
                   "offer": {"type": "send_email", "params": {"templateId": %d}, "next": "end"},
                   "end": {"type": "exit"}}}""".formatted(hello, coupon, offer));
    }

    private Journey birthday() {
        long coupon = campaign("生日礼", "生日满100减30", new BigDecimal("30"), new BigDecimal("100"), 30);
        long greeting = email(
                "生日快乐",
                "{{customer.firstName | default: \"亲爱的顾客\"}}，生日快乐",
                "<p>生日礼券 <b>{{coupon.code}}</b>（{{coupon.description}}）。为您挑选：{{recommendations}}</p>");
        return active(
                "生日关怀",
                "A week before their birthday, customers who came back at least once get a coupon and products picked"
                        + " from their history",
                """
                {"trigger": {"type": "schedule",
                             "condition": {"and": [
                               {"field": "profile.birthday", "op": "anniversary_in_next_days", "value": 7},
                               {"field": "orders.count", "op": "gte", "value": 2}]}},
                 "entryLimit": {"rule": "again_after_days", "days": 300}, "holdoutPercent": 10,
                 "goal": {"type": "order", "withinDays": 30}, "start": "give",
                 "nodes": {
                   "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "greet"},
                   "greet": {"type": "send_email", "params": {"templateId": %d}, "next": "end"},
                   "end": {"type": "exit"}}}""".formatted(coupon, greeting));
    }

    private Journey highValueRetention() {
        long segment = audience(AudienceKind.SEGMENT, "高价值流失风险");
        long coupon = campaign("VIP回馈", "满300减60", new BigDecimal("60"), new BigDecimal("300"), 21);
        long letter = email(
                "VIP回馈",
                "{{customer.firstName | default: \"尊敬的客户\"}}，专属回馈",
                "<p>感谢您一直以来的支持，专属礼券 <b>{{coupon.code}}</b>（{{coupon.description}}）。</p>");
        return active(
                "高价值挽留",
                "High-value customers starting to slip: a call from their owner and a VIP coupon",
                """
                {"trigger": {"type": "segment_entered", "audienceId": %d},
                 "entryLimit": {"rule": "again_after_days", "days": 120},
                 "holdoutPercent": 20, "goal": {"type": "order", "withinDays": 30}, "start": "call",
                 "nodes": {
                   "call": {"type": "create_task",
                            "params": {"title": "高价值客户回访", "kind": "CALL", "dueInDays": 3}, "next": "give"},
                   "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "letter"},
                   "letter": {"type": "send_email", "params": {"templateId": %d}, "next": "end"},
                   "end": {"type": "exit"}}}""".formatted(segment, coupon, letter));
    }

    private Journey active(String name, String description, String graph) {
        Journey journey = journeys.create(name, description, json.readTree(graph), "marketer");
        return journeys.setStatus(journey.id(), "ACTIVE");
    }

    private long audience(AudienceKind kind, String name) {
        return audiences.list(kind).stream()
                .filter(audience -> audience.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The demo company has no " + kind + " " + name))
                .id();
    }

    private long campaign(String name, String description, BigDecimal off, BigDecimal minSpend, int validDays) {
        return campaigns
                .create(new CampaignDraft(
                        name,
                        description,
                        CampaignKind.FIXED,
                        off,
                        null,
                        null,
                        minSpend,
                        null,
                        null,
                        validDays,
                        null,
                        1,
                        null))
                .id();
    }

    private long email(String name, String subject, String body) {
        String html = body + "<p><a href=\"" + SHOP_URL + "\">去商城看看</a></p>"
                + "<p style=\"font-size:12px;color:#888\"><a href=\"{{unsubscribe_url}}\">退订</a></p>";
        return templates
                .create(new TemplateDraft(name, Channel.EMAIL, "zh-CN", subject, html))
                .id();
    }
}
