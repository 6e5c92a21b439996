package dev.retain.service.dispatch;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The safety net under event-driven draining: once a minute (once across instances) the queues drain, so a ticket
 * waits no longer than that after capacity appeared in a way no event tells — a team's working hours beginning, a
 * listener that failed.
 */
@Configuration(proxyBeanMethods = false)
class DispatchSweep {

    @Bean
    ScheduledJob dispatchSweepJob(
            TicketDispatcher dispatcher,
            CompanyZone zone,
            @Value("${retain.service.dispatch.sweep-cron:0 * * * * *}") String cron) {
        return new ScheduledJob("service.dispatch-sweep", cron, zone.zone(), dispatcher::drainAll);
    }
}
