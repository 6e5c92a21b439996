package dev.retain.predict.web;

import dev.retain.predict.ChurnReason;
import dev.retain.predict.ChurnScoring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A customer's churn score with its reasons in plain words, in the reader's language. */
@Component
class ChurnReasonTexts {

    private final MessageSource messages;

    ChurnReasonTexts(MessageSource messages) {
        this.messages = messages;
    }

    Map<String, Object> view(ChurnScoring.Score score, Locale locale) {
        var view = new LinkedHashMap<String, Object>();
        view.put("probability", score.probability());
        view.put("band", score.band());
        view.put("reasons", reasons(score.reasons(), locale));
        view.put("modelId", score.modelId());
        return view;
    }

    private List<Map<String, Object>> reasons(List<ChurnReason> reasons, Locale locale) {
        return reasons.stream()
                .map(reason -> Map.<String, Object>of(
                        "feature", reason.feature(),
                        "contribution", reason.contribution(),
                        "values", reason.values(),
                        "text", text(reason, locale)))
                .toList();
    }

    String text(ChurnReason reason, Locale locale) {
        return messages.getMessage(
                "churn.reason." + reason.feature(), reason.values().toArray(), reason.feature(), locale);
    }
}
