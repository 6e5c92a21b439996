package dev.retain.journeys;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import dev.retain.segments.Audiences;
import dev.retain.segments.Conditions;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The daily run of schedule-triggered journeys: everyone in the audience (a recurring audience, e.g. every Monday), or
 * everyone matching the condition (dates relative to a field), offered to the journey; its entry limit decides who
 * enters — {@code once} for a first-order follow-up, {@code again_after_days} 300 for a yearly birthday.
 */
@Component
public class ScheduledJourneyTriggers {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJourneyTriggers.class);

    private final Journeys journeys;
    private final Enrolments enrolments;
    private final Conditions conditions;
    private final Audiences audiences;
    private final CompanyZone zone;
    private final Clock clock;

    ScheduledJourneyTriggers(
            Journeys journeys,
            Enrolments enrolments,
            Conditions conditions,
            Audiences audiences,
            CompanyZone zone,
            Clock clock) {
        this.journeys = journeys;
        this.enrolments = enrolments;
        this.conditions = conditions;
        this.audiences = audiences;
        this.zone = zone;
        this.clock = clock;
    }

    /** Daily, once in the cluster. */
    @Bean
    ScheduledJob dailyJourneyTriggersJob(@Value("${retain.journeys.daily-cron}") String cron) {
        return new ScheduledJob("journeys.daily-triggers", cron, zone.zone(), this::run);
    }

    public void run() {
        LocalDate date = zone.today(clock);
        DayOfWeek today = date.getDayOfWeek();
        // once per day in the cluster; should it run again the same day (a revived run), enrolment is idempotent
        Instant startOfDay = date.atStartOfDay(zone.zone()).toInstant();
        for (Journey journey : journeys.active("schedule")) {
            JourneyGraph.Trigger trigger =
                    journeys.graph(journey.id(), journey.currentVersion()).trigger();
            if (!trigger.weekdays().isEmpty() && !trigger.weekdays().contains(today)) {
                continue;
            }
            List<Long> customers = new ArrayList<>();
            if (trigger.audienceId() != null) {
                audiences.eachMember(trigger.audienceId(), member -> customers.add(member.customerId()));
            } else {
                customers.addAll(conditions.matching(conditions.parse(trigger.condition())));
            }
            int entered = enrolments.enrol(journey.id(), customers, "schedule", startOfDay);
            log.info(
                    "Journey {} ({}): {} of {} customers entered",
                    journey.id(),
                    journey.name(),
                    entered,
                    customers.size());
        }
    }
}
