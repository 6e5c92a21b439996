package dev.retain.predict;

import dev.retain.platform.InvalidInputException;
import java.util.LinkedHashMap;

/**
 * The churn definition an admin chooses, over a horizon of {@code inactiveDays}.
 *
 * <ul>
 *   <li>{@link ChurnBasis#REPEAT_PURCHASE}: a repeat buyer has churned after {@code inactiveDays} without a paid order;
 *       repeat buyers who ordered within {@code lookbackDays} are scored.
 *   <li>{@link ChurnBasis#CONTRACT_RENEWAL}: customers whose contract (the DATE custom field {@code contractField})
 *       ends within {@code inactiveDays} are scored; one has churned when the end date is not moved past it within
 *       {@code graceDays} after it. Their order features look back {@code lookbackDays}.
 * </ul>
 *
 * The risk bands start at {@code mediumFrom} and {@code highFrom}.
 */
public record ChurnSettings(
        ChurnBasis basis,
        int inactiveDays,
        int lookbackDays,
        String contractField,
        int graceDays,
        double mediumFrom,
        double highFrom) {

    public ChurnSettings {
        var errors = new LinkedHashMap<String, String>();
        if (basis == null) {
            errors.put("basis", "one of REPEAT_PURCHASE, CONTRACT_RENEWAL");
        }
        if (inactiveDays < 7 || inactiveDays > 730) {
            errors.put("inactiveDays", "must be between 7 and 730 days");
        }
        if (lookbackDays < 30 || lookbackDays > 3650) {
            errors.put("lookbackDays", "must be between 30 and 3650 days");
        }
        if (basis == ChurnBasis.CONTRACT_RENEWAL && (contractField == null || contractField.isBlank())) {
            errors.put("contractField", "contract renewal needs the DATE custom field holding the contract end");
        }
        if (graceDays < 0 || graceDays > 365) {
            errors.put("graceDays", "must be between 0 and 365 days");
        }
        if (!(mediumFrom > 0 && mediumFrom < highFrom && highFrom < 1)) {
            errors.put("highFrom", "the bands need 0 < mediumFrom < highFrom < 1");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        contractField = contractField == null || contractField.isBlank() ? null : contractField.strip();
    }

    /** Repeat purchase, the default definition. */
    public ChurnSettings(int inactiveDays, int lookbackDays, double mediumFrom, double highFrom) {
        this(ChurnBasis.REPEAT_PURCHASE, inactiveDays, lookbackDays, null, 30, mediumFrom, highFrom);
    }

    /**
     * Days from a feature date until its label is known: the horizon, and for contracts the grace after the last end
     * in it.
     */
    public int labelDays() {
        return basis == ChurnBasis.CONTRACT_RENEWAL ? inactiveDays + graceDays : inactiveDays;
    }

    /** LOW, MEDIUM or HIGH. */
    public String bandOf(double probability) {
        return probability >= highFrom ? "HIGH" : probability >= mediumFrom ? "MEDIUM" : "LOW";
    }
}
