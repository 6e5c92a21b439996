package dev.retain.demo.loyalty;

import dev.retain.demo.PastChapter;
import dev.retain.demo.PastDay;
import dev.retain.events.Event;
import dev.retain.events.Events;
import dev.retain.journeys.Journey;
import dev.retain.journeys.Journeys;
import dev.retain.loyalty.BadgeDraft;
import dev.retain.loyalty.Badges;
import dev.retain.loyalty.EventPreset;
import dev.retain.loyalty.EventRuleDraft;
import dev.retain.loyalty.ExpiryPolicy;
import dev.retain.loyalty.Loyalty;
import dev.retain.loyalty.LoyaltyFigures;
import dev.retain.loyalty.LoyaltyProgramme;
import dev.retain.loyalty.LoyaltyProgramme.RuleChange;
import dev.retain.loyalty.LoyaltyProgramme.SettingsChange;
import dev.retain.loyalty.LoyaltyTiers;
import dev.retain.loyalty.NightlyLoyaltyRun;
import dev.retain.loyalty.ReferralSettings;
import dev.retain.loyalty.Referrals;
import dev.retain.loyalty.RefundShortfall;
import dev.retain.loyalty.Rounding;
import dev.retain.loyalty.Tier;
import dev.retain.loyalty.TierBasis;
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
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The company's points programme: switched on when it started with Retain for every order of the last 13 months (so
 * the oldest points run out during the demo's weeks), a point per yuan and 100 for a first order, a week pending; four
 * tiers by points earned in 12 months with their benefits, a badge for regular buyers of baby products, referrals
 * rewarded at the friend's first order, and a journey reminding members by email of points about to expire; points
 * for sign-ins, reviews and profiles completed in the company's mini-program (签到 once a day, 评价 three a day,
 * 完善资料 once ever). Every night the programme's nightly run activates, expires, reminds and reviews tiers; every
 * day some members sign in to the mini-program (a few twice: the second earns nothing), a few review what they bought
 * or complete their profile, and a few members with many points spend some at checkout.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class LoyaltyPast implements PastChapter {

    private static final int EARNING_MONTHS_BEFORE = 13;
    private static final long SPENDERS_FROM = 5_000;
    /** The mini-program's events carry this channel; the shop's own sign-ins (the demo's history) earn nothing. */
    private static final Map<String, String> MINI_PROGRAM = Map.of("channel", "mini_program");

    private final LoyaltyProgramme programme;
    private final Loyalty loyalty;
    private final NightlyLoyaltyRun nightly;
    private final LoyaltyFigures figures;
    private final Conditions conditions;
    private final Journeys journeys;
    private final Templates templates;
    private final LoyaltyTiers tiers;
    private final Badges badges;
    private final Referrals referrals;
    private final Events events;
    private final ObjectMapper json;
    private final CompanyZone zone;
    private final Clock clock;
    private LocalDate since;
    private int redemptions;
    private long reminders;
    private long tierMoves;
    private long memberEvents;

    LoyaltyPast(
            LoyaltyProgramme programme,
            Loyalty loyalty,
            NightlyLoyaltyRun nightly,
            LoyaltyFigures figures,
            Conditions conditions,
            Journeys journeys,
            Templates templates,
            LoyaltyTiers tiers,
            Badges badges,
            Referrals referrals,
            Events events,
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
        this.tiers = tiers;
        this.badges = badges;
        this.referrals = referrals;
        this.events = events;
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
        programme.addRule(new RuleChange(
                BigDecimal.ONE,
                Rounding.DOWN,
                100,
                null,
                null,
                null,
                List.of(
                        miniProgram(EventPreset.SIGN_IN, "签到"),
                        miniProgram(EventPreset.REVIEW, "评价"),
                        miniProgram(EventPreset.PROFILE_COMPLETED, "完善资料"))));
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
        tiers.update(new LoyaltyTiers.Change(
                TierBasis.POINTS,
                12,
                12,
                30,
                14,
                List.of(
                        tier("普通", 0, "1", 0, false),
                        tier("银卡", 3_000, "1.2", 200, false),
                        tier("金卡", 10_000, "1.5", 500, true),
                        tier("黑金", 30_000, "2", 1_000, true))));
        badges.create(new BadgeDraft("母婴常客", "一年内购买母婴用品 10 次", 200, true, json.readTree("""
                        {"field": "orders.count", "op": "gte", "value": 10,
                         "params": {"category": "母婴", "within_days": 365}}""")));
        referrals.update(new ReferralSettings.Change(true, 500, 200, new BigDecimal("100"), 5));
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

    private static EventRuleDraft miniProgram(EventPreset preset, String label) {
        return new EventRuleDraft(preset.name(), null, label, null, null, null, "channel", MINI_PROGRAM.get("channel"));
    }

    /**
     * Members acting in the mini-program in the morning: sign-ins (a few twice), reviews and profiles completed,
     * recorded at once as one batch, so their points are one set-based run.
     */
    private void miniProgram(PastDay day, List<Long> members, SplittableRandom random) {
        if (members.isEmpty()) {
            return;
        }
        List<Event> acted = new ArrayList<>();
        int signIns = Math.min(members.size(), 20 + random.nextInt(41));
        for (int i = 0; i < signIns; i++) {
            long member = members.get(random.nextInt(members.size()));
            acted.add(event(day, member, "login", random));
            if (random.nextInt(10) == 0) {
                acted.add(event(day, member, "login", random));
            }
        }
        for (int i = 2 + random.nextInt(7); i > 0; i--) {
            acted.add(event(day, members.get(random.nextInt(members.size())), "review", random));
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            acted.add(event(day, members.get(random.nextInt(members.size())), "profile_completed", random));
        }
        events.recordAll(acted);
        memberEvents += acted.size();
    }

    private static Event event(PastDay day, long member, String type, SplittableRandom random) {
        return new Event(member, type, day.at(LocalTime.of(7, 0).plusMinutes(random.nextInt(120))), MINI_PROGRAM);
    }

    private static Tier tier(
            String name, long threshold, String multiplier, long birthdayPoints, boolean freeShipping) {
        return new Tier(
                null,
                name,
                BigDecimal.valueOf(threshold),
                new BigDecimal(multiplier),
                null,
                birthdayPoints,
                freeShipping);
    }

    @Override
    public void live(PastDay day) {
        day.moveTo(LocalTime.of(3, 0));
        NightlyLoyaltyRun.Result night = nightly.run();
        reminders += night.reminded();
        tierMoves += night.tiersUp() + night.tiersDown();
        day.settle();
        day.moveTo(LocalTime.of(12, 0));
        SplittableRandom random = day.random("loyalty");
        miniProgram(
                day,
                conditions.matching(conditions.parse(
                        json.readTree("{\"field\": \"loyalty.points_balance\", \"op\": \"gte\", \"value\": 1}"))),
                day.random("loyalty-mini-program"));
        day.settle();
        List<Long> rich = conditions.matching(conditions.parse(json.readTree(
                "{\"field\": \"loyalty.points_balance\", \"op\": \"gte\", \"value\": " + SPENDERS_FROM + "}")));
        int spenders = Math.min(rich.size(), 5 + random.nextInt(11));
        for (int i = 0; i < spenders; i++) {
            long customerId = rich.get(random.nextInt(rich.size()));
            long points = 500L * (1 + random.nextInt(10));
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
                + ", %d expired; %d redemptions at checkout, %d reminders of expiry, %d tier moves"
                        .formatted(period.expired(), redemptions, reminders, tierMoves)
                + "; %d sign-ins, reviews and profiles completed in the mini-program".formatted(memberEvents));
        return lines;
    }
}
