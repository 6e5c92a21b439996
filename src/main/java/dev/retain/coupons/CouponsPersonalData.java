package dev.retain.coupons;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A customer's coupons: exported; on erasure kept for the campaigns' budgets and costs, naming no one. */
@Component
class CouponsPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("coupons");

    private final PersonalDataRows rows;

    CouponsPersonalData(PersonalDataRows rows) {
        this.rows = rows;
    }

    @Override
    public String module() {
        return "coupons";
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long customerId) {
        return rows.of(customerId, TABLES);
    }

    @Override
    public void erase(ErasedCustomer customer) {
        // kept for the campaigns' budgets and costs: a coupon holds its code, value and status, nothing of the person
    }
}
