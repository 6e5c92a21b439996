package dev.retain.sales.web;

import dev.retain.customers.Placements;
import dev.retain.customers.Placements.Placement;
import dev.retain.customers.ProfileSection;
import dev.retain.platform.UserAccounts;
import dev.retain.sales.PoolClaims;
import dev.retain.sales.PoolReclaims;
import dev.retain.sales.Pools;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * On the customer page: the customer's place — waiting in a pool (to claim) or with an owner, how many days before it
 * goes back and by which rule, a manager's lock — with releasing, locking and claiming.
 */
@Component
class PoolOnProfile implements ProfileSection {

    private final Placements placements;
    private final Pools pools;
    private final PoolReclaims reclaims;
    private final PoolClaims claims;
    private final UserAccounts users;

    PoolOnProfile(Placements placements, Pools pools, PoolReclaims reclaims, PoolClaims claims, UserAccounts users) {
        this.placements = placements;
        this.pools = pools;
        this.reclaims = reclaims;
        this.claims = claims;
        this.users = users;
    }

    @Override
    public int order() {
        return 7;
    }

    @Override
    public String fragment() {
        return "sales/profile :: pool";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        Placement placement = placements.of(customerId);
        var data = new HashMap<String, Object>();
        data.put("customerId", customerId);
        data.put("placement", placement);
        data.put("pool", pools.find(placement.poolId()));
        data.put("pools", pools.list());
        data.put("due", reclaims.dueOf(customerId).orElse(null));
        data.put("lock", claims.lockOf(customerId).orElse(null));
        data.put(
                "mine",
                users.current()
                        .map(me -> placement.ownerId() != null && placement.ownerId() == me.id())
                        .orElse(false));
        return data;
    }
}
