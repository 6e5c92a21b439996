package dev.retain.demo.journeys;

import dev.retain.coupons.CouponCampaigns;
import dev.retain.coupons.Coupons;
import dev.retain.coupons.IssuedCoupon;
import dev.retain.demo.PastDay;
import dev.retain.messaging.Channel;
import dev.retain.messaging.Outbox;
import dev.retain.messaging.Tracking;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo company's customers reading what Retain sent them: they open some emails (the tracking pixel), click some
 * links, one in a hundred unsubscribes, and some of those who got a coupon come and spend it in the shop within days. The
 * shares follow what retailers report for coupon emails; customers in a journey's holdout get nothing and so only
 * buy as they would have anyway, which is what the journeys' lift measures.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class CustomersAnswer {

    static final double OPEN = 0.45;
    static final double CLICK_WHEN_OPENED = 0.3;
    /** One in a hundred readers unsubscribes, the first of them among them: counted, so every demo has some. */
    static final int UNSUBSCRIBE_EVERY_OPENED = 100;

    static final double REDEEM_WHEN_CLICKED = 0.4;
    static final double REDEEM_WHEN_OPENED = 0.12;
    static final double REDEEM_UNREAD = 0.02;

    private static final Pattern OPEN_LINK = Pattern.compile("/t/o/([A-Za-z0-9_\\-.~]+)");
    private static final Pattern CLICK_LINK = Pattern.compile("/t/c/([A-Za-z0-9_\\-.~]+)");
    private static final Pattern UNSUBSCRIBE_LINK = Pattern.compile("/u/([A-Za-z0-9_\\-.~]+)");

    private final Outbox outbox;
    private final Tracking tracking;
    private final Coupons coupons;
    private final CouponCampaigns campaigns;
    private final Set<String> spentCodes = new HashSet<>();
    private Instant readUntil;
    private long opened;
    private long clicked;
    private long unsubscribed;
    private long redeeming;

    CustomersAnswer(Outbox outbox, Tracking tracking, Coupons coupons, CouponCampaigns campaigns) {
        this.outbox = outbox;
        this.tracking = tracking;
        this.coupons = coupons;
        this.campaigns = campaigns;
    }

    /** Reads every email kept since the last reading. */
    void read(PastDay day, Instant now) {
        Instant from = readUntil == null ? now.minus(Duration.ofDays(1)) : readUntil;
        SplittableRandom random = day.random("customers-answer");
        for (Outbox.OutboxMessage message : outbox.sentBetween(from, now)) {
            if (message.channel() == Channel.EMAIL) {
                answer(day, message, random);
            }
        }
        readUntil = now;
    }

    private void answer(PastDay day, Outbox.OutboxMessage message, SplittableRandom random) {
        boolean opens = random.nextDouble() < OPEN;
        boolean clicks = opens && random.nextDouble() < CLICK_WHEN_OPENED;
        boolean counted =
                opens && token(OPEN_LINK, message.body()).map(tracking::opened).orElse(false);
        if (counted) {
            opened++;
        }
        if (clicks
                && token(CLICK_LINK, message.body()).flatMap(tracking::clicked).isPresent()) {
            clicked++;
        }
        if (counted
                && opened % UNSUBSCRIBE_EVERY_OPENED == 1
                && token(UNSUBSCRIBE_LINK, message.body())
                        .flatMap(tracking::unsubscribe)
                        .isPresent()) {
            unsubscribed++;
            return;
        }
        double redeems = clicks ? REDEEM_WHEN_CLICKED : opens ? REDEEM_WHEN_OPENED : REDEEM_UNREAD;
        if (random.nextDouble() < redeems) {
            freshCoupon(message.customerId(), message.sentAt()).ifPresent(coupon -> {
                BigDecimal minSpend = campaigns.find(coupon.campaignId()).minSpend();
                int inDays = random.nextInt(7);
                LocalTime at = LocalTime.of(10 + random.nextInt(11), random.nextInt(60));
                day.buys(coupon.customerId(), inDays, at, minSpend == null ? BigDecimal.ZERO : minSpend, coupon.code());
                spentCodes.add(coupon.code());
                redeeming++;
            });
        }
    }

    /** The coupon the message brought: issued to the customer just before it, not spent yet. */
    private Optional<IssuedCoupon> freshCoupon(long customerId, Instant sentAt) {
        return coupons.heldBy(customerId).stream()
                .filter(coupon -> coupon.status().equals(IssuedCoupon.ISSUED))
                .filter(coupon -> !spentCodes.contains(coupon.code()))
                .filter(coupon -> !coupon.issuedAt().isAfter(sentAt))
                .filter(coupon -> coupon.issuedAt().isAfter(sentAt.minus(Duration.ofDays(2))))
                .max(Comparator.comparing(IssuedCoupon::issuedAt));
    }

    private static Optional<String> token(Pattern link, String body) {
        Matcher matcher = link.matcher(body);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    String summary() {
        return "%d emails opened, %d clicked, %d unsubscribed; %d coupons taken to the shop"
                .formatted(opened, clicked, unsubscribed, redeeming);
    }
}
