package dev.retain.journeys;

import dev.retain.coupons.CouponUnavailableException;
import dev.retain.coupons.Coupons;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code issue_coupon} with {@code params.campaignId}: one coupon per enrolment and step (the step's idempotency key
 * is the issue key). A campaign that cannot issue (paused, ended, out of budget, the customer's limit reached) is not
 * an error to retry: the journey goes on without the coupon.
 */
@Component
class CouponActions implements JourneyAction {

    private static final Logger log = LoggerFactory.getLogger(CouponActions.class);

    private final Coupons coupons;

    CouponActions(Coupons coupons) {
        this.coupons = coupons;
    }

    @Override
    public String type() {
        return "issue_coupon";
    }

    @Override
    public boolean reachesCustomer() {
        return true;
    }

    @Override
    public List<String> problems(JsonNode params) {
        return params.path("campaignId").asLong(0) > 0
                ? List.of()
                : List.of("campaignId: the coupon campaign to issue from");
    }

    @Override
    public void run(ActionContext context) {
        try {
            coupons.issue(
                    context.params().get("campaignId").asLong(),
                    context.customerId(),
                    context.idempotencyKey(),
                    context.sourceRef());
        } catch (CouponUnavailableException e) {
            log.info("No coupon for customer {} at {}: {}", context.customerId(), context.sourceRef(), e.getMessage());
        }
    }
}
