package dev.retain.coupons;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rules a campaign draft must follow, each broken one named by its field. */
final class DraftRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private DraftRules() {}

    static Map<String, String> broken(CampaignDraft draft) {
        var errors = new LinkedHashMap<String, String>();
        if (draft.name() == null || draft.name().isBlank()) {
            errors.put("name", "required");
        }
        if (draft.kind() == null) {
            errors.put("kind", "FIXED or PERCENT");
        } else if (draft.kind() == CampaignKind.FIXED) {
            if (!positive(draft.amount())) {
                errors.put("amount", "a positive amount off, in the base currency");
            }
            if (draft.percent() != null) {
                errors.put("percent", "only for PERCENT campaigns");
            }
        } else {
            if (!positive(draft.percent()) || draft.percent().compareTo(HUNDRED) > 0) {
                errors.put("percent", "a percentage above 0 and at most 100");
            }
            if (draft.amount() != null) {
                errors.put("amount", "only for FIXED campaigns");
            }
        }
        if (draft.maxDiscount() != null && !positive(draft.maxDiscount())) {
            errors.put("maxDiscount", "a positive amount, or none");
        }
        if (draft.minSpend() != null && draft.minSpend().signum() < 0) {
            errors.put("minSpend", "zero or more");
        }
        if (draft.validUntil() == null && draft.validDaysAfterIssue() == null) {
            errors.put("validUntil", "give an end date, a number of days after issue, or both");
        }
        if (draft.validDaysAfterIssue() != null && draft.validDaysAfterIssue() <= 0) {
            errors.put("validDaysAfterIssue", "a positive number of days");
        }
        if (draft.validFrom() != null
                && draft.validUntil() != null
                && draft.validUntil().isBefore(draft.validFrom())) {
            errors.put("validUntil", "on or after the start date");
        }
        if (draft.budget() != null && draft.budget() <= 0) {
            errors.put("budget", "a positive number of coupons, or none for unlimited");
        }
        if (draft.perCustomerLimit() != null && draft.perCustomerLimit() <= 0) {
            errors.put("perCustomerLimit", "a positive number of coupons");
        }
        return errors;
    }

    private static boolean positive(BigDecimal value) {
        return value != null && value.signum() > 0;
    }
}
