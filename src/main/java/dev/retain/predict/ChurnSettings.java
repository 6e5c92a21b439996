package dev.retain.predict;

import dev.retain.platform.InvalidInputException;
import java.util.LinkedHashMap;

/**
 * The churn definition an admin chooses: a repeat buyer has churned after {@code inactiveDays} without a paid order;
 * repeat buyers who ordered within {@code lookbackDays} are scored; the risk bands start at {@code mediumFrom} and
 * {@code highFrom}.
 */
public record ChurnSettings(int inactiveDays, int lookbackDays, double mediumFrom, double highFrom) {

    public ChurnSettings {
        var errors = new LinkedHashMap<String, String>();
        if (inactiveDays < 7 || inactiveDays > 730) {
            errors.put("inactiveDays", "must be between 7 and 730 days");
        }
        if (lookbackDays < 30 || lookbackDays > 3650) {
            errors.put("lookbackDays", "must be between 30 and 3650 days");
        }
        if (!(mediumFrom > 0 && mediumFrom < highFrom && highFrom < 1)) {
            errors.put("highFrom", "the bands need 0 < mediumFrom < highFrom < 1");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** LOW, MEDIUM or HIGH. */
    public String bandOf(double probability) {
        return probability >= highFrom ? "HIGH" : probability >= mediumFrom ? "MEDIUM" : "LOW";
    }
}
