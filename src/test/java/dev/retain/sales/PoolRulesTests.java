package dev.retain.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.customers.CustomFieldType;
import dev.retain.customers.CustomFields;
import dev.retain.customers.Customers;
import dev.retain.customers.Placements;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ConflictException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pools' rules on a moved clock: customers neglected for the pool's days go back with the rule as the reason, their
 * owner reminded once before; a follow-up or an order resets the count; working days skip weekends and public holidays
 * and count a 调休 Saturday; a level has its own days; a running contract and a manager's lock keep a customer; claims
 * keep to the daily quota, the cap on owned customers, the previous owner's cooldown and the wait after a release.
 */
@PoolTest
class PoolRulesTests {

    @Autowired
    MovableClock clock;

    @Autowired
    CompanyZone zone;

    @Autowired
    UserAccounts users;

    @Autowired
    Pools pools;

    @Autowired
    PoolClaims claims;

    @Autowired
    PoolReclaims reclaims;

    @Autowired
    PoolCustomers waiting;

    @Autowired
    Placements placements;

    @Autowired
    Customers customers;

    @Autowired
    CustomFields customFields;

    @Autowired
    FollowUps followUps;

    @Autowired
    BusinessCalendars calendars;

    @Autowired
    BulkIngest ingest;

    @Autowired
    Opportunities opportunities;

    @Autowired
    JdbcClient jdbc;

    PoolFixtures fixtures;

    @BeforeEach
    void people() {
        fixtures = new PoolFixtures(users, pools, customers);
        fixtures.user("seller", Role.SALES);
        fixtures.user("other", Role.SALES);
        fixtures.user("manager", Role.MANAGER);
        fixtures.user("admin", Role.ADMIN);
    }

    @AfterEach
    void realTime() {
        clock.set(null);
    }

    @Test
    void aCustomerWithoutAFollowUpGoesBackAfterThePoolsDaysAndItsOwnerIsRemindedOnce() {
        LocalDate start = LocalDate.of(2026, 9, 1);
        at(start);
        Pool pool = fixtures.pool(
                PoolRules.named("follow-up " + fixtures.token).followUpDays(10).settings());
        long neglected = ownedIn(pool, "neglected");
        long followed = ownedIn(pool, "followed");

        at(start.plusDays(5));
        followUps.record(followed, new FollowUps.NewFollowUp(FollowUpKind.PHONE, "called", null, null, null));

        at(start.plusDays(7));
        reclaims.run();
        reclaims.run();
        assertThat(reminders(neglected)).isEqualTo(1);
        assertThat(reminders(followed)).isZero();
        assertThat(reclaims.dueFor(sellerId(), 3))
                .extracting(PoolReclaims.Due::customerId, PoolReclaims.Due::daysLeft, PoolReclaims.Due::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(neglected, 3, "FOLLOW_UP"));

        at(start.plusDays(8));
        reclaims.run();
        assertThat(reminders(neglected))
                .as("the same reclaim date is reminded once")
                .isEqualTo(1);
        assertThat(placements.of(neglected).waiting()).isFalse();

        at(start.plusDays(10));
        reclaims.run();
        assertThat(placements.of(neglected).waiting()).isTrue();
        assertThat(placements.of(neglected).poolId()).isEqualTo(pool.id());
        assertThat(lastMove(neglected)).isEqualTo("RECLAIMED FOLLOW_UP:10");
        assertThat(placements.of(followed).ownerId()).isEqualTo(sellerId());
        assertThat(reclaims.dueOf(followed).orElseThrow().daysLeft()).isEqualTo(5);
    }

    @Test
    void switchingARuleOnCountsFromThatDayNotFromLongAgo() {
        LocalDate start = LocalDate.of(2026, 9, 1);
        at(start);
        Pool pool =
                fixtures.pool(PoolRules.named("switched on " + fixtures.token).settings());
        long longOwned = ownedIn(pool, "long owned");

        at(start.plusDays(40));
        pools.update(
                pool.id(),
                PoolRules.named("switched on " + fixtures.token)
                        .followUpDays(10)
                        .settings());
        reclaims.run();
        assertThat(placements.of(longOwned).waiting()).isFalse();
        assertThat(reclaims.dueOf(longOwned).orElseThrow().daysLeft()).isEqualTo(10);

        at(start.plusDays(50));
        reclaims.run();
        assertThat(placements.of(longOwned).waiting()).isTrue();
    }

    @Test
    void noWonOpportunityTakesACustomerBackAndAnOpenOneKeepsIt() {
        LocalDate start = LocalDate.of(2026, 9, 1);
        at(start);
        Pool pool = fixtures.pool(
                PoolRules.named("won " + fixtures.token).wonDays(20).settings());
        long idle = ownedIn(pool, "idle");
        long negotiating = ownedIn(pool, "negotiating");
        fixtures.as(
                "seller",
                () -> opportunities.create(
                        negotiating,
                        null,
                        new Opportunities.OpportunityDraft(
                                "Annual tea supply",
                                new java.math.BigDecimal("50000"),
                                start.plusDays(60),
                                null,
                                List.of(),
                                null)));

        at(start.plusDays(20));
        reclaims.run();
        assertThat(placements.of(idle).waiting()).isTrue();
        assertThat(lastMove(idle)).isEqualTo("RECLAIMED WON:20");
        assertThat(placements.of(negotiating).waiting())
                .as("an open opportunity keeps it")
                .isFalse();
    }

    @Test
    void workingDaysSkipWeekendsAndHolidaysAndCountAMakeUpSaturday() {
        at(LocalDate.of(2026, 9, 24));
        Pool pool = fixtures.pool(PoolRules.named("working days " + fixtures.token)
                .followUpDays(5)
                .workingDaysOf(calendars.standard().id())
                .settings());
        // Thursday before the Mid-Autumn holidays (25–27 September) and the National Day week (1–7 October).
        at(LocalDate.of(2026, 9, 24));
        long beforeHolidays = ownedIn(pool, "before holidays");

        // Working days since: 28, 29, 30 September and 8 October.
        at(LocalDate.of(2026, 10, 8));
        long afterHolidays = ownedIn(pool, "after holidays");
        assertThat(reclaims.dueOf(beforeHolidays).orElseThrow().daysLeft()).isEqualTo(1);
        reclaims.run();
        assertThat(placements.of(beforeHolidays).waiting()).isFalse();

        at(LocalDate.of(2026, 10, 9));
        reclaims.run();
        assertThat(placements.of(beforeHolidays).waiting()).isTrue();

        // 9 October (Friday), 10 October (the make-up Saturday) and 12 October count; Sunday the 11th does not.
        at(LocalDate.of(2026, 10, 12));
        assertThat(reclaims.dueOf(afterHolidays).orElseThrow().daysLeft()).isEqualTo(2);
    }

    @Test
    void aLevelHasItsOwnDaysAndAContractOrAManagersLockKeepsACustomer() {
        String level = "level_" + fixtures.token;
        String contract = "contract_" + fixtures.token;
        LocalDate start = LocalDate.of(2026, 9, 1);
        at(start);
        customFields.define(new CustomFields.NewField(level, "Level", CustomFieldType.TEXT, List.of(), false));
        customFields.define(
                new CustomFields.NewField(contract, "Contract end", CustomFieldType.DATE, List.of(), false));
        Pool pool = fixtures.pool(PoolRules.named("levels " + fixtures.token)
                .followUpDays(10)
                .levels(level, Map.of("A", new Pool.LevelDays(3, null)))
                .contractEnd(contract)
                .settings());
        long levelA = ownedIn(pool, "level A");
        customers.updateCustomFields(levelA, Map.of(level, "A"));
        long plain = ownedIn(pool, "plain");
        long underContract = ownedIn(pool, "under contract");
        customers.updateCustomFields(
                underContract, Map.of(contract, start.plusDays(30).toString()));
        long locked = ownedIn(pool, "locked");
        fixtures.as("manager", () -> claims.lock(locked, "key account, renewal talks"));

        at(start.plusDays(4));
        reclaims.run();
        assertThat(placements.of(levelA).waiting()).isTrue();
        assertThat(placements.of(plain).waiting()).isFalse();

        at(start.plusDays(11));
        reclaims.run();
        assertThat(placements.of(plain).waiting()).isTrue();
        assertThat(placements.of(underContract).waiting()).isFalse();
        assertThat(placements.of(locked).waiting()).isFalse();

        fixtures.as("manager", () -> claims.unlock(locked));
        reclaims.run();
        assertThat(placements.of(locked).waiting()).isTrue();

        at(start.plusDays(31));
        reclaims.run();
        assertThat(placements.of(underContract).waiting()).isTrue();
    }

    @Test
    void anOrderResetsTheOrderRule() {
        LocalDate start = LocalDate.of(2026, 9, 1);
        at(start);
        Pool pool = fixtures.pool(
                PoolRules.named("orders " + fixtures.token).orderDays(20).settings());
        long buyer = order("buyer", start);
        fixtures.as("admin", () -> claims.assign(List.of(buyer), sellerId(), "new buyer"));
        releaseAndClaimBack(pool, buyer);

        at(start.plusDays(15));
        order("buyer", start.plusDays(15));
        at(start.plusDays(21));
        reclaims.run();
        assertThat(placements.of(buyer).waiting()).isFalse();

        at(start.plusDays(35));
        reclaims.run();
        assertThat(placements.of(buyer).waiting()).isTrue();
        assertThat(lastMove(buyer)).isEqualTo("RECLAIMED ORDER:20");
    }

    @Test
    void claimsKeepToTheQuotaTheCapTheCooldownAndTheWaitAfterARelease() {
        fixtures.user("claimer", Role.SALES);
        fixtures.user("rival", Role.SALES);
        Pool pool = fixtures.pool(PoolRules.named("claims " + fixtures.token)
                .claims(2, 3, 7, 2)
                .hiding(PoolHiddenField.PHONE)
                .settings());
        LocalDate start = LocalDate.of(2026, 9, 1);
        at(start);
        List<Long> waitingOnes = List.of("w1", "w2", "w3", "w4").stream()
                .map(name -> fixtures.customer(name, sellerId()).id())
                .toList();
        fixtures.as("seller", () -> claims.release(waitingOnes, pool.id(), "too many"));
        long first = waitingOnes.get(0);

        var listed = waiting.waitingIn(pool.id(), fixtures.token, 0, 10).items();
        assertThat(listed).hasSize(4);
        assertThat(listed).allSatisfy(customer -> {
            assertThat(customer.phone()).isNull();
            assertThat(customer.hidden()).containsExactly(PoolHiddenField.PHONE);
            assertThat(customer.reason()).isEqualTo("too many");
        });

        assertThatThrownBy(() -> fixtures.as("claimer", () -> claims.claim(first)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("can be claimed from");

        clock.advance(Duration.ofHours(3));
        fixtures.as("claimer", () -> claims.claim(waitingOnes.get(0)));
        fixtures.as("claimer", () -> claims.claim(waitingOnes.get(1)));
        assertThatThrownBy(() -> fixtures.as("claimer", () -> claims.claim(waitingOnes.get(2))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("daily quota of 2");
        assertThatThrownBy(() -> fixtures.as("rival", () -> claims.claim(first)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("has an owner");
        assertThatThrownBy(() -> fixtures.as("rival", () -> claims.claim(Long.MAX_VALUE)))
                .isInstanceOf(NotFoundException.class);

        clock.advance(Duration.ofDays(1));
        fixtures.as("claimer", () -> claims.claim(waitingOnes.get(2)));
        assertThatThrownBy(() -> fixtures.as("claimer", () -> claims.claim(waitingOnes.get(3))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("You own 3 customers");

        fixtures.as("claimer", () -> claims.release(List.of(first), null, "not my region"));
        clock.advance(Duration.ofHours(3));
        assertThatThrownBy(() -> fixtures.as("claimer", () -> claims.claim(first)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("you may claim it again");
        fixtures.as("rival", () -> claims.claim(first));
        assertThat(placements.of(first).ownerId()).isEqualTo(userId("rival"));
        assertThat(jdbc.sql("select sum(claims) from customer_pool_claim_counts where user_id = ?")
                        .param(userId("claimer"))
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    /** A customer of the seller's, put in the pool and claimed back by the seller now. */
    private long ownedIn(Pool pool, String name) {
        long id = fixtures.customer(name, sellerId()).id();
        releaseAndClaimBack(pool, id);
        return id;
    }

    private void releaseAndClaimBack(Pool pool, long customerId) {
        fixtures.as("seller", () -> claims.release(List.of(customerId), pool.id(), "into the test pool"));
        fixtures.as("seller", () -> claims.claim(customerId));
    }

    private long order(String customer, LocalDate day) {
        var results = ingest.ingest(
                ImportKind.ORDERS,
                "pooltest",
                List.of(Map.of(
                        "order_id", fixtures.token + "-" + customer + "-" + day,
                        "customer_id", fixtures.token + "-" + customer,
                        "order_date", day + " 12:00",
                        "amount", "100")),
                Map.of());
        assertThat(results.get(0).reason()).isNull();
        return results.get(0).customerId();
    }

    private void at(LocalDate day) {
        clock.set(LocalDateTime.of(day, LocalTime.of(10, 0)).atZone(zone.zone()).toInstant());
    }

    private long reminders(long customerId) {
        return jdbc.sql("select count(*) from customer_pool_reminders where customer_id = ?")
                .param(customerId)
                .query(Long.class)
                .single();
    }

    private String lastMove(long customerId) {
        return jdbc.sql("select kind || ' ' || coalesce(reason, '') from customer_pool_moves where customer_id = ?"
                        + " order by id desc limit 1")
                .param(customerId)
                .query(String.class)
                .single();
    }

    private long sellerId() {
        return userId("seller");
    }

    private long userId(String name) {
        return users.findByUsername(fixtures.username(name)).orElseThrow().id();
    }
}
