package dev.retain.predict.web;

import dev.retain.customers.ProfileSection;
import dev.retain.predict.ChurnScoring;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The customer's churn risk, band and reasons on the customer page. */
@Component
class ChurnOnProfile implements ProfileSection {

    private final ChurnScoring scoring;
    private final ChurnReasonTexts texts;

    ChurnOnProfile(ChurnScoring scoring, ChurnReasonTexts texts) {
        this.scoring = scoring;
        this.texts = texts;
    }

    @Override
    public int order() {
        return 7;
    }

    @Override
    public String fragment() {
        return "predict/profile :: churn";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return scoring.of(customerId)
                .map(score -> Map.<String, Object>of("risk", texts.view(score, LocaleContextHolder.getLocale())))
                .orElse(Map.of());
    }
}
