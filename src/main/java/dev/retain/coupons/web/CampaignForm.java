package dev.retain.coupons.web;

import dev.retain.coupons.CampaignDraft;
import dev.retain.coupons.CampaignKind;
import dev.retain.coupons.CampaignStatus;
import dev.retain.coupons.CouponCampaign;
import dev.retain.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** What the campaign form posts, as typed; empty fields are absent. */
record CampaignForm(
        String name,
        String description,
        String kind,
        String amount,
        String percent,
        String maxDiscount,
        String minSpend,
        String validFrom,
        String validUntil,
        String validDaysAfterIssue,
        String budget,
        String perCustomerLimit) {

    static CampaignForm empty() {
        return new CampaignForm(null, null, "FIXED", null, null, null, "0", null, null, "30", null, "1");
    }

    static CampaignForm of(CouponCampaign campaign) {
        return new CampaignForm(
                campaign.name(),
                campaign.description(),
                campaign.kind().name(),
                text(campaign.amount()),
                text(campaign.percent()),
                text(campaign.maxDiscount()),
                text(campaign.minSpend()),
                text(campaign.validFrom()),
                text(campaign.validUntil()),
                text(campaign.validDaysAfterIssue()),
                text(campaign.budget()),
                text(campaign.perCustomerLimit()));
    }

    /** The draft, or the fields that are not numbers or dates. */
    CampaignDraft draft(CampaignStatus status) {
        var errors = new LinkedHashMap<String, String>();
        CampaignKind chosen = "PERCENT".equals(kind) ? CampaignKind.PERCENT : CampaignKind.FIXED;
        var draft = new CampaignDraft(
                name,
                description,
                chosen,
                chosen == CampaignKind.FIXED ? parse("amount", amount, BigDecimal::new, errors) : null,
                chosen == CampaignKind.PERCENT ? parse("percent", percent, BigDecimal::new, errors) : null,
                chosen == CampaignKind.PERCENT ? parse("maxDiscount", maxDiscount, BigDecimal::new, errors) : null,
                parse("minSpend", minSpend, BigDecimal::new, errors),
                parse("validFrom", validFrom, LocalDate::parse, errors),
                parse("validUntil", validUntil, LocalDate::parse, errors),
                parse("validDaysAfterIssue", validDaysAfterIssue, Integer::valueOf, errors),
                parse("budget", budget, Integer::valueOf, errors),
                parse("perCustomerLimit", perCustomerLimit, Integer::valueOf, errors),
                status);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return draft;
    }

    private static <T> T parse(String field, String text, Function<String, T> parser, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parser.apply(text.strip());
        } catch (RuntimeException e) {
            errors.put(
                    field,
                    "not a valid " + (field.startsWith("valid") && !field.endsWith("Issue") ? "date" : "number"));
            return null;
        }
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value == null ? null : value.toString();
    }
}
