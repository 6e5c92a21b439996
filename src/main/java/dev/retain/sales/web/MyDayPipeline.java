package dev.retain.sales.web;

import dev.retain.platform.HomeBlock.Content;
import dev.retain.platform.HomeBlock.Heading;
import dev.retain.platform.HomeBlock.Note;
import dev.retain.platform.HomeBlock.Row;
import dev.retain.platform.HomeBlock.Tone;
import dev.retain.platform.MyDaySection;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.sales.Opportunities;
import dev.retain.sales.Opportunity;
import dev.retain.sales.OpportunityQuery;
import dev.retain.sales.OpportunityStatus;
import java.util.Comparator;
import java.util.Set;
import org.springframework.stereotype.Component;

/** "My day": the viewer's open opportunities (商机), stuck ones first, then by expected close. */
@Component
class MyDayPipeline implements MyDaySection {

    static final int SHOWN = 10;

    private final Opportunities opportunities;

    MyDayPipeline(Opportunities opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public Heading heading() {
        return new Heading(
                Set.of(Role.ADMIN, Role.MANAGER, Role.SALES),
                PIPELINE_ORDER,
                "myDay.pipeline.title",
                "myDay.pipeline.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/opportunities";
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(opportunities
                .search(new OpportunityQuery(viewer.id(), null, OpportunityStatus.OPEN, null, null, false), 0, 200)
                .items()
                .stream()
                .sorted(Comparator.comparing((Opportunity o) -> o.stuckDays() == null)
                        .thenComparing(Opportunity::expectedCloseOn, Comparator.nullsLast(Comparator.naturalOrder())))
                .limit(SHOWN)
                .map(o -> new Row(
                        o.title() + " · " + o.customerName(),
                        "/opportunities/" + o.id(),
                        o.expectedCloseOn() == null
                                ? Note.of("myDay.pipeline.stage", o.stageName(), o.amount())
                                : Note.of("myDay.pipeline.closing", o.stageName(), o.amount(), o.expectedCloseOn()),
                        o.stuckDays() != null ? Tone.WARNING : Tone.NEUTRAL))
                .toList());
    }
}
