package dev.retain.journeys.web;

import dev.retain.journeys.Journey;
import dev.retain.journeys.JourneyReport;
import dev.retain.journeys.JourneyReports;
import dev.retain.journeys.Journeys;
import dev.retain.platform.HomeBlock.Note;
import dev.retain.platform.HomeBlock.Row;
import dev.retain.platform.HomeBlock.Tone;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The running journeys with their lift over the holdout, as the home page's blocks show them. */
@Component
class ActiveJourneyLifts {

    /**
     * Beyond this many running journeys (the newest are kept) the home page would wait on their reports: the journeys
     * page lists all.
     */
    static final int MOST = 20;

    record Lift(Journey journey, JourneyReport report) {

        boolean losing() {
            return report.lift() != null && report.lift() < 0;
        }

        Row row() {
            if (report.lift() == null) {
                return new Row(
                        journey.name(), "/journeys/" + journey.id(), Note.of("home.journeys.noLift"), Tone.NEUTRAL);
            }
            return new Row(
                    journey.name(),
                    "/journeys/" + journey.id(),
                    Note.of(
                            "home.journeys.lift",
                            points(report.lift()),
                            points(report.liftLow()),
                            points(report.liftHigh())),
                    report.lift() > 0 ? Tone.GOOD : report.lift() < 0 ? Tone.BAD : Tone.NEUTRAL);
        }

        /** "+2.4 pt": a difference of conversion rates in percentage points. */
        private static String points(double difference) {
            return String.format(Locale.ROOT, "%+.1f pt", difference * 100);
        }
    }

    private final Journeys journeys;
    private final JourneyReports reports;

    ActiveJourneyLifts(Journeys journeys, JourneyReports reports) {
        this.journeys = journeys;
        this.reports = reports;
    }

    List<Lift> all() {
        return journeys.list().stream()
                .filter(journey -> journey.status().equals("ACTIVE"))
                .sorted(Comparator.comparingLong(Journey::id).reversed())
                .limit(MOST)
                .map(journey -> new Lift(journey, reports.of(journey.id())))
                .toList();
    }
}
