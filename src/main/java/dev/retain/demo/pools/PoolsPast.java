package dev.retain.demo.pools;

import dev.retain.demo.ActingUser;
import dev.retain.demo.PastChapter;
import dev.retain.demo.PastDay;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.ConflictException;
import dev.retain.platform.Role;
import dev.retain.platform.Team;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.sales.Pool;
import dev.retain.sales.PoolClaims;
import dev.retain.sales.PoolCustomers;
import dev.retain.sales.PoolCustomers.WaitingCustomer;
import dev.retain.sales.PoolHiddenField;
import dev.retain.sales.PoolReclaims;
import dev.retain.sales.Pools;
import dev.retain.sales.Pools.PoolSettings;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On its first day the company switched on its public pool (公海): customers not followed up for 30 working days go
 * back, their owner reminded five days before, and the south team got a pool of its own. From then on the sales team
 * claims a few customers a working day, releases the odd one with a reason, and the nightly reclaim takes back what
 * nobody followed up — so the pools hold customers with their reasons, the timelines their moves.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class PoolsPast implements PastChapter {

    static final int CLAIMS_A_DAY = 3;
    static final double RELEASES = 0.1;
    private static final List<String> RELEASE_REASONS =
            List.of("客户已转向竞品，暂不跟进", "联系不上，号码停机", "Moved abroad, no longer buying", "客户要求换对接人");

    private final Pools pools;
    private final PoolClaims claims;
    private final PoolCustomers waiting;
    private final PoolReclaims reclaims;
    private final BusinessCalendars calendars;
    private final Teams teams;
    private final UserAccounts users;
    private int claimed;
    private int released;
    private int reclaimed;
    private int reminded;

    PoolsPast(
            Pools pools,
            PoolClaims claims,
            PoolCustomers waiting,
            PoolReclaims reclaims,
            BusinessCalendars calendars,
            Teams teams,
            UserAccounts users) {
        this.pools = pools;
        this.claims = claims;
        this.waiting = waiting;
        this.reclaims = reclaims;
        this.calendars = calendars;
        this.teams = teams;
        this.users = users;
    }

    /** After the team: its departments exist by then. */
    @Override
    public int order() {
        return 30;
    }

    @Override
    public void adopt(PastDay day) {
        Pool company = pools.list().stream().filter(Pool::isDefault).findFirst().orElseThrow();
        pools.update(company.id(), rules(company.name(), List.of()));
        teams.list().stream()
                .filter(team -> team.name().equals("华南销售组"))
                .map(Team::id)
                .findFirst()
                .ifPresent(south -> pools.create(rules("华南公海", List.of(new Pool.Member(null, south, false)))));
    }

    private PoolSettings rules(String name, List<Pool.Member> members) {
        return new PoolSettings(
                name,
                30,
                null,
                null,
                null,
                calendars.standard().id(),
                null,
                null,
                5,
                10,
                500,
                7,
                0,
                EnumSet.of(PoolHiddenField.PHONE),
                Map.of(),
                members);
    }

    @Override
    public void live(PastDay day) {
        boolean weekend =
                day.date().getDayOfWeek() == DayOfWeek.SATURDAY || day.date().getDayOfWeek() == DayOfWeek.SUNDAY;
        if (!weekend) {
            day.moveTo(LocalTime.of(10, 0));
            SplittableRandom random = day.random("pools");
            for (UserAccount seller : users.withAnyRole(Set.of(Role.SALES))) {
                ActingUser.run(seller, () -> work(seller, random));
            }
        }
        day.moveTo(LocalTime.of(23, 30));
        PoolReclaims.Result night = reclaims.run();
        reclaimed += night.reclaimed();
        reminded += night.reminded();
    }

    private void work(UserAccount seller, SplittableRandom random) {
        for (Pool pool : pools.visibleTo(seller)) {
            List<WaitingCustomer> page =
                    waiting.waitingIn(pool.id(), null, random.nextInt(3), 20).items();
            for (int i = 0; i < Math.min(CLAIMS_A_DAY, page.size()); i++) {
                try {
                    claims.claim(page.get(random.nextInt(page.size())).id());
                    claimed++;
                } catch (ConflictException refused) {
                    // taken by a colleague today, or the seller's quota or cap is reached: as in real life
                }
            }
        }
        if (random.nextDouble() < RELEASES) {
            reclaims.dueFor(seller.id(), 10).stream().findFirst().ifPresent(due -> {
                claims.release(
                        List.of(due.customerId()), null, RELEASE_REASONS.get(random.nextInt(RELEASE_REASONS.size())));
                released++;
            });
        }
    }

    @Override
    public List<String> generated() {
        return List.of("%d customers claimed from the public pools, %d released with a reason, %d taken back by the"
                        .formatted(claimed, released, reclaimed)
                + " reclaim rules (" + reminded + " reminders before)");
    }
}
