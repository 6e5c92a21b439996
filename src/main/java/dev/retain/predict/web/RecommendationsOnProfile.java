package dev.retain.predict.web;

import dev.retain.customers.ProfileSection;
import dev.retain.predict.NextBestProducts;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The customer's next-best products on the customer page. */
@Component
class RecommendationsOnProfile implements ProfileSection {

    private static final int SHOWN = 5;

    private final NextBestProducts nextBest;

    RecommendationsOnProfile(NextBestProducts nextBest) {
        this.nextBest = nextBest;
    }

    @Override
    public int order() {
        return 7;
    }

    @Override
    public String fragment() {
        return "predict/profile :: recommendations";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of("recommendations", nextBest.forCustomer(customerId, SHOWN));
    }
}
