package dev.retain.ingest;

import java.util.List;

/** What a file holds, and the fields its columns can be mapped to. */
public enum ImportKind {
    CUSTOMERS(List.of(
            "customer_id",
            "name",
            "company_name",
            "contact_name",
            "phone",
            "email",
            "gender",
            "birthday",
            "city",
            "region",
            "industry",
            "signed_up_at")),
    ORDERS(List.of(
            "order_id",
            "customer_id",
            "name",
            "phone",
            "email",
            "order_date",
            "amount",
            "currency",
            "status",
            "coupon_code",
            "sku",
            "product_name",
            "category",
            "quantity",
            "unit_price",
            "original_order_id")),
    EVENTS(List.of("customer_id", "phone", "email", "name", "event_type", "occurred_at"));

    private final List<String> fields;

    ImportKind(List<String> fields) {
        this.fields = fields;
    }

    /** The field keys a column can be mapped to. */
    public List<String> fields() {
        return fields;
    }
}
