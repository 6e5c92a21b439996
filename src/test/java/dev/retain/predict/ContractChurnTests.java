package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.customers.CustomFieldDefinition;
import dev.retain.customers.CustomFieldType;
import dev.retain.customers.CustomFields;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Churn as non-renewal: customers whose contract end date (a DATE custom field), as it stood on a day, falls within the
 * horizon; churned when the date is not moved past the end before the grace after it runs out.
 */
@IntegrationTest
class ContractChurnTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.now(SHANGHAI);

    @Autowired
    ChurnFeatures features;

    @Autowired
    ChurnTraining training;

    @Autowired
    ChurnScoring scoring;

    @Autowired
    ChurnModels models;

    @Autowired
    ChurnDefinition definition;

    @Autowired
    CustomFields customFields;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeys apiKeys;

    @LocalServerPort
    int port;

    private String field;
    private CustomFieldDefinition defined;
    private ChurnSettings before;
    private Optional<ChurnModels.Registered> activeBefore;
    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void aContractEndField() {
        field = "contract_end_" + Long.toString(System.nanoTime(), 36);
        defined = customFields.define(
                new CustomFields.NewField(field, "Contract end", CustomFieldType.DATE, null, false));
        before = definition.settings();
        activeBefore = models.active();
    }

    @AfterEach
    void putTheDefinitionBackAndTheCustomersAway() {
        // their orders would otherwise join the repeat buyers other tests train on
        jdbc.sql("delete from orders where customer_id = any(?::bigint[])")
                .param(created.toArray(Long[]::new))
                .update();
        jdbc.sql("delete from custom_field_history where field = ?")
                .param(field)
                .update();
        jdbc.sql("delete from customers where id = any(?::bigint[])")
                .param(created.toArray(Long[]::new))
                .update();
        definition.update(before, "test");
        activeBefore.ifPresent(model -> models.activate(model.id()));
        customFields.remove(defined.id());
    }

    @Test
    void everyChangeOfACustomFieldIsKeptWhateverWritesIt() {
        long customer = jdbc.sql("""
                        insert into customers (kind, name, custom_fields, created_at, updated_at)
                        values ('COMPANY', 'History', jsonb_build_object(?::text, '2026-03-31'), now(), now())
                        returning id""").param(field).query(Long.class).single();
        created.add(customer);
        setField(customer, "'2027-03-31'");
        setField(customer, "'2027-03-31'"); // the same value again: no change
        jdbc.sql("update customers set name = 'History Ltd' where id = ?")
                .param(customer)
                .update();
        jdbc.sql("update customers set custom_fields = custom_fields - ? where id = ?")
                .params(field, customer)
                .update();

        assertThat(jdbc.sql("""
                                select coalesce(value, 'removed') from custom_field_history
                                where customer_id = ? and field = ? order by changed_at, value nulls last""").params(customer, field).query(String.class).list())
                .containsExactly("2026-03-31", "2027-03-31", "removed");
    }

    @Test
    @Transactional
    void theEndDateAsItStoodOnTheDayDecidesWhoIsScoredAndWhetherTheyRenewed() {
        var buyers = new Buyers(jdbc);
        LocalDate day = LocalDate.of(2025, 3, 1);
        ChurnSettings contracts = contractSettings(90, 30);
        long renewed = contract(buyers, "Renewed", day.minusDays(300), "2025-04-15");
        changed(renewed, day.plusDays(40), "2026-04-15");
        long lapsed = contract(buyers, "Lapsed", day.minusDays(300), "2025-05-01");
        long late = contract(buyers, "Late", day.minusDays(300), "2025-05-20");
        changed(late, LocalDate.of(2025, 6, 25), "2026-05-20"); // after the 30 days of grace
        long withinGrace = contract(buyers, "Within grace", day.minusDays(300), "2025-03-20");
        changed(withinGrace, LocalDate.of(2025, 4, 5), "2026-03-20");
        long later = contract(buyers, "Ends later", day.minusDays(300), "2025-07-01");
        long alreadyRenewed = contract(buyers, "Already renewed", day.minusDays(300), "2025-04-01");
        changed(alreadyRenewed, day.minusDays(30), "2026-04-01");
        long unknownThen = buyers.aCustomer("Set after the day");
        created.add(unknownThen);
        changed(unknownThen, day.plusDays(4), "2025-04-01");
        buyers.order(renewed, day.minusDays(100), "100", "PAID");
        buyers.order(renewed, day.minusDays(20), "300", "PAID");
        buyers.order(renewed, day.plusDays(5), "999", "PAID"); // after the day: not a feature

        FeatureTable table = features.asOf(day, contracts, true);

        assertThat(table.customerIds()).containsExactlyInAnyOrder(renewed, lapsed, late, withinGrace);
        assertThat(label(table, renewed)).isZero();
        assertThat(label(table, withinGrace)).isZero();
        assertThat(label(table, lapsed)).isEqualTo(1);
        assertThat(label(table, late)).isEqualTo(1);
        int row = rowOf(table, renewed);
        assertThat(table.value(row, ChurnFeature.PURCHASES)).isEqualTo(2);
        assertThat(table.value(row, ChurnFeature.MONETARY)).isEqualTo(400);
        assertThat(table.value(row, ChurnFeature.RECENCY_DAYS)).isEqualTo(20);
        assertThat(table.value(row, ChurnFeature.AVERAGE_INTERVAL_DAYS)).isEqualTo(80);
        int none = rowOf(table, lapsed);
        assertThat(table.value(none, ChurnFeature.PURCHASES)).isZero();
        assertThat(table.value(none, ChurnFeature.P_ALIVE)).isZero();
    }

    @Test
    void aContractModelLearnsAPlantedSignalAndScoresOnlyContractsEndingWithinTheHorizon() {
        definition.update(contractSettings(90, 30), "test");
        var buyers = new Buyers(jdbc);
        var random = new Random(11);
        Set<Long> endingSoon = new HashSet<>();
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 420; i++) {
            boolean renews = random.nextDouble() < 0.5;
            LocalDate ends = TODAY.minusDays(240).plusDays(random.nextInt(331));
            long customer = contract(buyers, "Contract " + i, ends.minusDays(365), ends.toString());
            if (renews && ends.minusDays(10).isBefore(TODAY)) {
                changed(customer, ends.minusDays(10), ends.plusYears(1).toString());
            }
            // the planted signal: those who will not renew had more of their orders refunded
            LocalDate lastOrder = ends.minusDays(30).isBefore(TODAY) ? ends.minusDays(30) : TODAY;
            for (LocalDate order = ends.minusDays(400); order.isBefore(lastOrder); order = order.plusDays(20)) {
                buyers.order(customer, order, "100", random.nextDouble() < (renews ? 0.1 : 0.35) ? "REFUNDED" : "PAID");
            }
            if (ends.isAfter(TODAY) && ends.isBefore(TODAY.plusDays(92))) {
                endingSoon.add(customer);
            }
            all.add(customer);
        }

        ChurnTraining.Result result = training.train();

        ChurnModels.Registered promoted = result.promoted();
        assertThat(promoted.basis()).isEqualTo(ChurnBasis.CONTRACT_RENEWAL);
        assertThat(promoted.validationDate()).isEqualTo(TODAY.minusDays(120));
        assertThat(promoted.featureDate()).isEqualTo(TODAY.minusDays(240));
        assertThat(promoted.metrics().rocAuc()).isGreaterThan(0.75);
        List<Long> scored = jdbc.sql("select customer_id from churn_scores")
                .query(Long.class)
                .list();
        // scored from tomorrow: contracts ending within the 90 days from then
        endingSoon.removeIf(customer -> !contractEndsWithin(customer, TODAY.plusDays(1), TODAY.plusDays(91)));
        assertThat(scored).containsExactlyInAnyOrderElementsOf(endingSoon);
        assertThat(all).containsAll(scored);
        assertThat(scoring.leadingReasons("HIGH").keySet()).first().isEqualTo("refund_share");

        // back to repeat purchase: the contract model answers another question, so no one keeps its score
        definition.update(new ChurnSettings(90, 365, 0.3, 0.6), "test");
        assertThat(scoring.score().modelId()).isNull();
        assertThat(jdbc.sql("select count(*) from churn_scores")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void contractRenewalNeedsADateFieldThatExists() {
        var manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);

        var missing = manager.put("/api/v1/predict/churn/settings", Map.of("basis", "CONTRACT_RENEWAL"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().toString()).contains("contractField");
        var unknown = manager.put(
                "/api/v1/predict/churn/settings", Map.of("basis", "CONTRACT_RENEWAL", "contractField", "no_such"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().toString()).contains("no_such");
        var changed = manager.put(
                "/api/v1/predict/churn/settings",
                Map.of("basis", "CONTRACT_RENEWAL", "contractField", field, "graceDays", 14));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("basis").asString()).isEqualTo("CONTRACT_RENEWAL");
        assertThat(changed.body().get("graceDays").asInt()).isEqualTo(14);
    }

    private ChurnSettings contractSettings(int horizon, int grace) {
        return new ChurnSettings(ChurnBasis.CONTRACT_RENEWAL, horizon, 365, field, grace, 0.3, 0.6);
    }

    /** A customer whose contract end was first set on {@code since}. */
    private long contract(Buyers buyers, String name, LocalDate since, String ends) {
        long customer = buyers.aCustomer(name);
        created.add(customer);
        changed(customer, since, ends);
        return customer;
    }

    /** A change of the field on a past day, as the history would hold it had it been made then. */
    private void changed(long customer, LocalDate on, String value) {
        jdbc.sql("insert into custom_field_history (customer_id, field, value, changed_at) values (?, ?, ?, ?)")
                .params(
                        customer,
                        field,
                        value,
                        Timestamp.from(on.atTime(12, 0).atZone(SHANGHAI).toInstant()))
                .update();
    }

    private void setField(long customer, String jsonString) {
        jdbc.sql("update customers set custom_fields = custom_fields || jsonb_build_object(?::text, " + jsonString
                        + "::text) where id = ?")
                .params(field, customer)
                .update();
    }

    private boolean contractEndsWithin(long customer, LocalDate from, LocalDate until) {
        LocalDate ends = LocalDate.parse(
                jdbc.sql("""
                        select value from custom_field_history where customer_id = ? and field = ?
                        order by changed_at desc limit 1""").params(customer, field).query(String.class).single());
        return !ends.isBefore(from) && ends.isBefore(until);
    }

    private static float label(FeatureTable table, long customer) {
        return table.churned()[rowOf(table, customer)];
    }

    private static int rowOf(FeatureTable table, long customer) {
        for (int row = 0; row < table.rows(); row++) {
            if (table.customerIds()[row] == customer) {
                return row;
            }
        }
        throw new AssertionError("customer " + customer + " is not in the table");
    }
}
