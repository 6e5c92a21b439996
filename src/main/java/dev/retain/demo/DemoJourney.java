package dev.retain.demo;

import dev.retain.coupons.CampaignDraft;
import dev.retain.coupons.CampaignKind;
import dev.retain.coupons.CouponCampaign;
import dev.retain.coupons.CouponCampaigns;
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
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The demo company's win-back journey, as a draft to look at and switch on: customers getting the 沉睡客户 tag receive
 * a coupon by email; those who redeem it are tagged 已唤醒, the others get a reminder and a call from their owner.
 */
@Component
class DemoJourney {

    private final Audiences audiences;
    private final CouponCampaigns campaigns;
    private final Templates templates;
    private final Journeys journeys;
    private final ObjectMapper json;

    DemoJourney(
            Audiences audiences, CouponCampaigns campaigns, Templates templates, Journeys journeys, ObjectMapper json) {
        this.audiences = audiences;
        this.campaigns = campaigns;
        this.templates = templates;
        this.journeys = journeys;
        this.json = json;
    }

    void create() {
        Audience dormant = audiences.list(AudienceKind.TAG).stream()
                .filter(tag -> tag.name().equals("沉睡客户"))
                .findFirst()
                .orElseThrow();
        Audience wonBack = audiences.create(
                AudienceKind.TAG,
                new AudienceDraft("已唤醒", "won back by a journey", AudienceMode.MANUAL, null, true, null));
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
                15,
                5000,
                1,
                null));
        long offer = templates
                .create(new TemplateDraft(
                        "回归优惠",
                        Channel.EMAIL,
                        "zh-CN",
                        "{{customer.firstName | default: \"顾客\"}}，好久不见",
                        "送您一张优惠券 {{coupon.code}}（{{coupon.description}}），15 天内有效。\n"
                                + "猜您喜欢：{{recommendations}}\n退订：{{unsubscribe_url}}"))
                .id();
        long reminder = templates
                .create(new TemplateDraft(
                        "回归提醒",
                        Channel.EMAIL,
                        "zh-CN",
                        "您的优惠券还没用哦",
                        "优惠券 {{coupon.code}} 即将到期。\n退订：{{unsubscribe_url}}"))
                .id();
        journeys.create(
                "沉睡唤醒（示例）",
                "A draft: activate it on /journeys to run it.",
                json.readTree("""
                        {"trigger": {"type": "tag_added", "audienceId": %d}, "entryLimit": {"rule": "again_after_days", "days": 180},
                         "holdoutPercent": 10, "goal": {"type": "order", "withinDays": 30}, "start": "give",
                         "nodes": {
                           "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "offer"},
                           "offer": {"type": "send_email", "params": {"templateId": %d}, "next": "await"},
                           "await": {"type": "wait", "params": {"event": "coupon_redeemed", "days": 15},
                                     "branches": {"event": "won"}, "next": "remind"},
                           "won": {"type": "add_tag", "params": {"tagId": %d}, "next": "end"},
                           "remind": {"type": "send_email", "params": {"templateId": %d}, "next": "call"},
                           "call": {"type": "create_task", "params": {"title": "回访：优惠券未使用", "dueInDays": 2},
                                    "next": "end"},
                           "end": {"type": "exit"}}}""".formatted(dormant.id(), campaign.id(), offer, wonBack.id(), reminder)),
                "demo");
    }
}
