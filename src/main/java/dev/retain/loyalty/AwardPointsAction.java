package dev.retain.loyalty;

import dev.retain.journeys.JourneyAction;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The journey action {@code award_points}: gives the customer {@code params.points} spendable points as a campaign
 * (with an optional {@code params.note}), keyed by the enrolment's step, so a step run again after a crash awards once.
 * Members see points, so held-out entrants get none.
 */
@Component
class AwardPointsAction implements JourneyAction {

    static final long MAX_AWARD = 1_000_000;

    private final Loyalty loyalty;

    AwardPointsAction(Loyalty loyalty) {
        this.loyalty = loyalty;
    }

    @Override
    public String type() {
        return "award_points";
    }

    @Override
    public boolean reachesCustomer() {
        return true;
    }

    @Override
    public List<String> problems(JsonNode params) {
        List<String> problems = new ArrayList<>();
        JsonNode points = params.path("points");
        if (!points.isIntegralNumber() || points.asLong() < 1 || points.asLong() > MAX_AWARD) {
            problems.add("points: a whole number of points from 1 to " + MAX_AWARD);
        }
        if (params.path("note").asString("").length() > Loyalty.MAX_NOTE_LENGTH) {
            problems.add("note: at most " + Loyalty.MAX_NOTE_LENGTH + " characters");
        }
        return problems;
    }

    @Override
    public void run(ActionContext context) {
        String note = context.params().path("note").asString("");
        loyalty.earn(
                context.customerId(),
                "journey:" + context.idempotencyKey(),
                context.params().get("points").asLong(),
                LoyaltyReason.CAMPAIGN,
                note.isBlank() ? context.sourceRef() : note);
    }
}
