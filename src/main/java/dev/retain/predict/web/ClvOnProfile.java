package dev.retain.predict.web;

import dev.retain.customers.ProfileSection;
import dev.retain.predict.ClvScores;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The customer's lifetime-value scores on the customer page. */
@Component
class ClvOnProfile implements ProfileSection {

    private final ClvScores scores;

    ClvOnProfile(ClvScores scores) {
        this.scores = scores;
    }

    @Override
    public int order() {
        return 6;
    }

    @Override
    public String fragment() {
        return "predict/profile :: clv";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of("scores", scores.of(customerId));
    }
}
