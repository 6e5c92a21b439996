package dev.retain.demo.predict;

import dev.retain.demo.PastChapter;
import dev.retain.demo.PastDay;
import dev.retain.predict.NightlyProductAssociations;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On its first day the company mined its order history for products bought together, which its birthday and
 * win-back messages recommend from.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class PredictPast implements PastChapter {

    private final NightlyProductAssociations associations;
    private long rules;

    PredictPast(NightlyProductAssociations associations) {
        this.associations = associations;
    }

    @Override
    public int order() {
        return -10;
    }

    @Override
    public void adopt(PastDay day) {
        rules = associations.run().rules();
    }

    @Override
    public void live(PastDay day) {}

    @Override
    public List<String> generated() {
        return List.of(rules + " product associations mined on the first day, for recommendations in messages");
    }
}
