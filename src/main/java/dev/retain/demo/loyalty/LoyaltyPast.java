package dev.retain.demo.loyalty;

import dev.retain.demo.PastChapter;
import dev.retain.demo.PastDay;
import dev.retain.journeys.Journey;
import dev.retain.journeys.Journeys;
import dev.retain.loyalty.ExpiryPolicy;
import dev.retain.loyalty.Loyalty;
import dev.retain.loyalty.LoyaltyFigures;
import dev.retain.loyalty.LoyaltyProgramme;
import dev.retain.loyalty.LoyaltyProgramme.RuleChange;
import dev.retain.loyalty.LoyaltyProgramme.SettingsChange;
import dev.retain.loyalty.NightlyLoyaltyRun;
import dev.retain.loyalty.RefundShortfall;
import dev.retain.loyalty.Rounding;
import dev.retain.messaging.Channel;
import dev.retain.messaging.TemplateDraft;
import dev.retain.messaging.Templates;
import dev.retain.platform.CompanyZone;
import dev.retain.segments.Conditions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The company's points programme: switched on when it started with Retain for every order of the last 13 months (so
 * the oldest points run out during the demo's weeks), a point per yuan and 100 for a first order, a week pending, and
 * a journey reminding members by email of points about to expire. Every night the programme's nightly run activates,
 * expires and reminds; every day a few members with many points spend some at checkout.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class LoyaltyPast implements PastChapter {

    private static final int EARNING_MONTHS_BEFORE = 13;
    private static final long SPENDERS_FROM = 800;

    private final LoyaltyProgramme programme;
    private final Loyalty loyalty;
    private final NightlyLoyaltyRun nightly;
    private final LoyaltyFigures figures;
    private final Conditions conditions;
    private final Journeys journeys;
    private final Templates templates;
    private final ObjectMapper json;
    private final CompanyZone zone;
    private final Clock clock;
    private LocalDate since;
    private int redemptions;
    private long reminders;

    LoyaltyPast(
            LoyaltyProgramme programme,
            Loyalty loyalty,
            NightlyLoyaltyRun nightly,
            LoyaltyFigures figures,
            Conditions conditions,
            Journeys journeys,
            Templates templates,
            ObjectMapper json,
            CompanyZone zone,
            Clock clock) {
        this.programme = programme;
        this.loyalty = loyalty;
        this.nightly = nightly;
        this.figures = figures;
        this.conditions = conditions;
        this.journeys = journeys;
        this.templates = templates;
        this.json = json;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void adopt(PastDay day) {
        since = day.date().minusMonths(EARNING_MONTHS_BEFORE).withDayOfMonth(1);
        programme.addRule(new RuleChange(BigDecimal.ONE, Rounding.DOWN, 100));
        programme.update(new SettingsChange(
                true,
                since,
                7,
                ExpiryPolicy.END_OF_MONTH,
                12,
                365,
                RefundShortfall.NEGATIVE_BALANCE,
                14,
                new BigDecimal("0.01")));
        long reminder = templates
                .create(new TemplateDraft(
                        "积分到期提醒",
                        Channel.EMAIL,
                        "zh-CN",
                        "{{customer.firstName | default: \"亲爱的会员\"}}，您有积分即将过期",
                        "<p>您的部分积分将在月底过期，下单时可直接抵扣现金，别让它白白浪费。</p>"
                                + "<p style=\"font-size:12px;color:#888\"><a href=\"{{unsubscribe_url}}\">退订</a></p>"))
                .id();
        Journey journey = journeys.create(
                "积分到期提醒",
                "Members with points running out within 14 days get an email",
                json.readTree("""
                        {"trigger": {"type": "event", "eventType": "points_expiring"},
                         "entryLimit": {"rule": "again_after_days", "days": 25}, "holdoutPercent": 10,
                         "goal": {"type": "order", "withinDays": 30}, "start": "remind",
                         "nodes": {
                           "remind": {"type": "send_email", "params": {"templateId": %d}, "next": "end"},
                           "end": {"type": "exit"}}}""".formatted(reminder)),
                "marketer");
        journeys.setStatus(journey.id(), "ACTIVE");
    }

    @Override
    public void live(PastDay day) {
        day.moveTo(LocalTime.of(3, 0));
        reminders += nightly.run().reminded();
        day.settle();
        day.moveTo(LocalTime.of(12, 0));
        SplittableRandom random = day.random("loyalty");
        List<Long> rich = conditions.matching(conditions.parse(json.readTree(
                "{\"field\": \"loyalty.points_balance\", \"op\": \"gte\", \"value\": " + SPENDERS_FROM + "}")));
        int spenders = Math.min(rich.size(), 2 + random.nextInt(6));
        for (int i = 0; i < spenders; i++) {
            long customerId = rich.get(random.nextInt(rich.size()));
            long points = 100L * (3 + random.nextInt(6));
            if (loyalty.wallet(customerId).active() >= points) {
                loyalty.redeem(customerId, "demo:%s:%d:%d".formatted(day.date(), customerId, i), points, "下单抵扣");
                redemptions++;
            }
        }
    }

    @Override
    public List<String> generated() {
        if (since == null) {
            return List.of();
        }
        var lines = new ArrayList<String>();
        var period = figures.of(since, zone.today(clock), null);
        lines.add("points programme for orders since %s: %d members hold %d points (%s owed); %d issued, %d redeemed"
                        .formatted(
                                since,
                                period.liability().members(),
                                period.liability().activePoints()
                                        + period.liability().pendingPoints(),
                                period.liability().value(),
                                period.issued(),
                                period.redeemed())
                + ", %d expired; %d redemptions at checkout, %d reminders of expiry"
                        .formatted(period.expired(), redemptions, reminders));
        return lines;
    }
}
