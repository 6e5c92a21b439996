package dev.retain.sales.web;

import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.sales.Opportunities;
import dev.retain.sales.Opportunity;
import dev.retain.sales.OpportunityQuery;
import dev.retain.sales.OpportunityStatus;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * On the home page of sales and managers: open opportunities that have stood in their stage longer than it allows. A
 * salesperson sees their own; a manager (or an admin who sells) those of the customers in their data scope.
 */
@Component
class StuckOpportunitiesHomeBlock implements HomeBlock {

    static final int SHOWN = 8;

    private final Opportunities opportunities;

    StuckOpportunitiesHomeBlock(Opportunities opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public Heading heading() {
        return new Heading(
                Set.of(Role.SALES, Role.MANAGER), 15, "home.stuckOpportunities.title", "home.stuckOpportunities.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        Long owner = ownerShown(viewer);
        return "/opportunities/list?stuck=true" + (owner == null ? "" : "&owner=" + owner);
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(opportunities
                .search(
                        new OpportunityQuery(ownerShown(viewer), null, OpportunityStatus.OPEN, null, null, true),
                        0,
                        SHOWN)
                .items()
                .stream()
                .map(StuckOpportunitiesHomeBlock::row)
                .toList());
    }

    /** A manager oversees everyone they may see; a salesperson their own. */
    private static Long ownerShown(UserAccount viewer) {
        return viewer.roles().contains(Role.MANAGER) ? null : viewer.id();
    }

    private static Row row(Opportunity opportunity) {
        return new Row(
                opportunity.title() + " · " + opportunity.customerName(),
                "/opportunities/" + opportunity.id(),
                Note.of("home.stuckOpportunities.note", opportunity.stageName(), opportunity.stuckDays()),
                Tone.WARNING);
    }
}
