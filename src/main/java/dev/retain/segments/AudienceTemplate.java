package dev.retain.segments;

import java.util.List;

/**
 * A ready-made dynamic tag from the field, switched on in one step. {@code requiredFields} names condition fields
 * another module must provide first (e.g. ticket counts from the service desk).
 */
public record AudienceTemplate(
        String key, String name, String nameEn, String description, String condition, List<String> requiredFields) {

    public static final List<AudienceTemplate> ALL = List.of(
            new AudienceTemplate(
                    "high_frequency",
                    "高频客户",
                    "Frequent buyers",
                    "3 or more orders in the last 30 days",
                    """
                    {"field": "orders.count", "op": "gte", "value": 3, "params": {"within_days": 30}}""",
                    List.of()),
            new AudienceTemplate(
                    "dormancy_warning", "沉睡预警", "Dormancy warning", "No order for 60 days, not yet 90", """
                    {"field": "orders.days_since_last", "op": "between", "value": [61, 90]}""", List.of()),
            new AudienceTemplate("dormant", "沉睡客户", "Dormant", "No order for 90 days", """
                    {"field": "orders.days_since_last", "op": "gt", "value": 90}""", List.of()),
            new AudienceTemplate(
                    "category_preference",
                    "品类偏好",
                    "Category preference",
                    "Over 60% of spend in one category, over at least 2 orders",
                    """
                    {"and": [{"field": "orders.category_share", "op": "gt", "value": 60},
                             {"field": "orders.count", "op": "gte", "value": 2}]}""",
                    List.of()),
            new AudienceTemplate(
                    "high_value_dormant",
                    "高价值沉睡",
                    "High-value dormant",
                    "Monetary score 4–5 and no order for 90 days",
                    """
                    {"and": [{"field": "rfm.m", "op": "gte", "value": 4},
                             {"field": "orders.days_since_last", "op": "gt", "value": 90}]}""",
                    List.of()),
            new AudienceTemplate(
                    "frequent_low_value",
                    "高频低客单",
                    "Frequent, low order value",
                    "Frequency score 4–5 and monetary score 1–2",
                    """
                    {"and": [{"field": "rfm.f", "op": "gte", "value": 4}, {"field": "rfm.m", "op": "lte", "value": 2}]}""",
                    List.of()),
            new AudienceTemplate(
                    "coupon_sensitive",
                    "优惠券敏感型",
                    "Coupon-sensitive",
                    "At least 2 orders in a year, half or more of them with a coupon",
                    """
                    {"and": [{"field": "orders.coupon_share", "op": "gte", "value": 50, "params": {"within_days": 365}},
                             {"field": "orders.count", "op": "gte", "value": 2, "params": {"within_days": 365}}]}""",
                    List.of()),
            new AudienceTemplate(
                    "frequent_service",
                    "售后高频户",
                    "Frequent service contacts",
                    "3 or more tickets in 90 days",
                    """
                    {"field": "tickets.count", "op": "gte", "value": 3, "params": {"within_days": 90}}""",
                    List.of("tickets.count")));
}
