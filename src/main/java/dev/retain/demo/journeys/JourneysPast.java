package dev.retain.demo.journeys;

import dev.retain.coupons.CampaignSummary;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.demo.PastChapter;
import dev.retain.demo.PastDay;
import dev.retain.journeys.Journey;
import dev.retain.journeys.JourneyReport;
import dev.retain.journeys.JourneyReports;
import dev.retain.messaging.Outbox;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A week after starting with Retain (once the tags had settled, so that only customers newly slipping away enter)
 * the company launched its four journeys; every morning since, customers have read what was sent to them.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class JourneysPast implements PastChapter {

    static final int LAUNCH_DAY = 7;

    private final DemoJourneys demoJourneys;
    private final CustomersAnswer customers;
    private final JourneyReports reports;
    private final CouponCampaigns campaigns;
    private final Outbox outbox;
    private List<Journey> launched = List.of();

    JourneysPast(
            DemoJourneys demoJourneys,
            CustomersAnswer customers,
            JourneyReports reports,
            CouponCampaigns campaigns,
            Outbox outbox) {
        this.demoJourneys = demoJourneys;
        this.customers = customers;
        this.reports = reports;
        this.campaigns = campaigns;
        this.outbox = outbox;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void live(PastDay day) {
        if (day.number() == LAUNCH_DAY) {
            launched = demoJourneys.launch();
        }
        day.moveTo(LocalTime.of(8, 30));
        customers.read(day, day.at(LocalTime.of(8, 30)));
    }

    @Override
    public List<String> generated() {
        var lines = new ArrayList<String>();
        for (Journey journey : launched) {
            JourneyReport report = reports.of(journey.id());
            lines.add("journey %s: %s".formatted(journey.name(), headline(report)));
        }
        long issued = 0;
        long redeemed = 0;
        for (CampaignSummary campaign : campaigns.list()) {
            issued += campaign.issued();
            redeemed += campaign.redeemed();
        }
        lines.add("%d coupons issued, %d redeemed".formatted(issued, redeemed));
        lines.add("%d messages in the outbox; %s".formatted(outbox.count(), customers.summary()));
        return lines;
    }

    private static String headline(JourneyReport report) {
        String text = "%d entered (%d held out), converted %.1f%% against %.1f%% held out"
                .formatted(
                        report.treatment().entrants() + report.holdout().entrants(),
                        report.holdout().entrants(),
                        100 * report.treatment().conversionRate(),
                        100 * report.holdout().conversionRate());
        if (report.lift() != null) {
            text += ", lift %+.1f points [%+.1f, %+.1f]"
                    .formatted(100 * report.lift(), 100 * report.liftLow(), 100 * report.liftHigh());
        }
        if (report.costs().returnOnCost() != null) {
            text += ", return on cost %.1f×".formatted(report.costs().returnOnCost());
        }
        return text;
    }
}
