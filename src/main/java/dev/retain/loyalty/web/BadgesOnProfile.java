package dev.retain.loyalty.web;

import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.customers.ProfileSection;
import dev.retain.loyalty.Badges;
import dev.retain.loyalty.Referral;
import dev.retain.loyalty.Referrals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The member's badges with the day each was earned, their referral code, who referred them and whom they referred,
 * with each referral's status (and the reason of a refusal or reversal), on the customer page below the points.
 */
@Component
class BadgesOnProfile implements ProfileSection {

    private final Badges badges;
    private final Referrals referrals;
    private final Customers customers;

    BadgesOnProfile(Badges badges, Referrals referrals, Customers customers) {
        this.badges = badges;
        this.referrals = referrals;
        this.customers = customers;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String fragment() {
        return "loyalty/badges :: card";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        Optional<Referral> referredBy = referrals.of(customerId);
        List<Referral> referred = referrals.byReferrer(customerId);
        List<Long> others = new ArrayList<>();
        referredBy.ifPresent(r -> others.add(r.referrerId()));
        referred.forEach(r -> others.add(r.friendId()));
        Map<Long, String> names = new HashMap<>();
        customers.findAll(others).forEach((id, customer) -> names.put(id, nameOf(customer)));
        Map<String, Object> data = new HashMap<>();
        data.put("customerId", customerId);
        data.put("badges", badges.earnedBy(customerId));
        data.put("code", referrals.codeOf(customerId));
        data.put("referredBy", referredBy.orElse(null));
        data.put("referred", referred);
        data.put("names", names);
        return data;
    }

    private static String nameOf(Customer customer) {
        return customer.name();
    }
}
