package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.loyalty.LedgerCheck;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The loyalty signals among the churn features: read from loyalty's views as of a day, and used by the models. */
@IntegrationTest
class ChurnLoyaltySignalsTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.now(SHANGHAI);
    private static final ChurnSettings SETTINGS = new ChurnSettings(90, 365, 0.3, 0.6);
    private static final List<String> LOYALTY_FEATURES = List.of(
            "points_balance",
            "points_redeemed_90_days",
            "points_expired_90_days",
            "days_since_redemption",
            "tier_level",
            "tier_moved_down_180_days");

    @Autowired
    ChurnFeatures features;

    @Autowired
    ChurnTraining training;

    @Autowired
    ChurnScoring scoring;

    @Autowired
    ChurnModels models;

    @Autowired
    ScheduledChurnScoring scheduled;

    @Autowired
    MessageSource messages;

    @Autowired
    LedgerCheck ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeys apiKeys;

    @LocalServerPort
    int port;

    @Test
    @Transactional
    void loyaltySignalsAreComputedAsOfTheDayFromTheLedgerAndTierMovesBeforeIt() {
        var buyers = new Buyers(jdbc);
        LocalDate day = LocalDate.of(2025, 3, 1);
        long member = buyers.aCustomer("Member");
        buyers.order(member, day.minusDays(200), "100", "PAID");
        buyers.order(member, day.minusDays(160), "100", "PAID");
        buyers.order(member, day.minusDays(40), "100", "PAID");
        buyers.points(member, day.minusDays(200), "ORDER", "PROGRAMME", "PENDING", 500);
        buyers.points(member, day.minusDays(190), "ACTIVATION", "PENDING", "ACTIVE", 500);
        buyers.points(member, day.minusDays(120), "REDEMPTION", "ACTIVE", "REDEEMED", 100);
        buyers.points(member, day.minusDays(30), "REDEMPTION", "ACTIVE", "REDEEMED", 50);
        buyers.points(member, day.minusDays(10), "EXPIRY", "ACTIVE", "EXPIRED", 80);
        buyers.points(member, day.minusDays(5), "ORDER", "PROGRAMME", "PENDING", 40);
        int silver = buyers.aTier();
        int gold = buyers.aTier();
        buyers.tierMove(member, day.minusDays(300), null, silver, "UP");
        buyers.tierMove(member, day.minusDays(250), silver, gold, "UP");
        buyers.tierMove(member, day.minusDays(100), gold, silver, "DOWN");
        long nonMember = buyers.aCustomer("Not a member");
        buyers.order(nonMember, day.minusDays(50), "100", "PAID");
        buyers.order(nonMember, day.minusDays(20), "100", "PAID");

        FeatureTable before = features.asOf(day, SETTINGS, true);
        int row = rowOf(before, member);
        assertThat(before.value(row, ChurnFeature.POINTS_BALANCE)).isEqualTo(310); // 500 − 100 − 50 − 80 + 40 pending
        assertThat(before.value(row, ChurnFeature.POINTS_REDEEMED_90_DAYS)).isEqualTo(50);
        assertThat(before.value(row, ChurnFeature.POINTS_EXPIRED_90_DAYS)).isEqualTo(80);
        assertThat(before.value(row, ChurnFeature.DAYS_SINCE_REDEMPTION)).isEqualTo(30);
        assertThat(before.value(row, ChurnFeature.TIER_LEVEL)).isEqualTo(buyers.rankOf(silver) + 1);
        assertThat(before.value(row, ChurnFeature.TIER_MOVED_DOWN_180_DAYS)).isEqualTo(1);
        int other = rowOf(before, nonMember);
        assertThat(before.value(other, ChurnFeature.POINTS_BALANCE)).isZero();
        assertThat(before.value(other, ChurnFeature.POINTS_REDEEMED_90_DAYS)).isZero();
        assertThat(before.value(other, ChurnFeature.POINTS_EXPIRED_90_DAYS)).isZero();
        assertThat(before.value(other, ChurnFeature.DAYS_SINCE_REDEMPTION)).isEqualTo(50); // never: the tenure
        assertThat(before.value(other, ChurnFeature.TIER_LEVEL)).isZero();
        assertThat(before.value(other, ChurnFeature.TIER_MOVED_DOWN_180_DAYS)).isZero();

        // an earlier day sees only what came before it: no redemption yet, the gold tier, no move down
        FeatureTable earlier = features.asOf(day.minusDays(150), SETTINGS, false);
        int then = rowOf(earlier, member);
        assertThat(earlier.value(then, ChurnFeature.POINTS_BALANCE)).isEqualTo(500);
        assertThat(earlier.value(then, ChurnFeature.POINTS_REDEEMED_90_DAYS)).isZero();
        assertThat(earlier.value(then, ChurnFeature.DAYS_SINCE_REDEMPTION)).isEqualTo(50); // never: the tenure
        assertThat(earlier.value(then, ChurnFeature.TIER_LEVEL)).isEqualTo(buyers.rankOf(gold) + 1);
        assertThat(earlier.value(then, ChurnFeature.TIER_MOVED_DOWN_180_DAYS)).isZero();

        // movements on and after the day change nothing
        buyers.points(member, day, "REDEMPTION", "ACTIVE", "REDEEMED", 200);
        buyers.points(member, day, "EXPIRY", "ACTIVE", "EXPIRED", 30);
        buyers.points(member, day.plusDays(3), "ORDER", "PROGRAMME", "PENDING", 1000);
        buyers.tierMove(member, day, silver, null, "DOWN");
        buyers.tierMove(member, day.plusDays(1), null, gold, "UP");
        FeatureTable after = features.asOf(day, SETTINGS, true);
        int same = rowOf(after, member);
        assertThat(Arrays.copyOfRange(after.values(), same * FeatureTable.COLUMNS, (same + 1) * FeatureTable.COLUMNS))
                .containsExactly(Arrays.copyOfRange(
                        before.values(), row * FeatureTable.COLUMNS, (row + 1) * FeatureTable.COLUMNS));
    }

    @Test
    void modelsTrainOnLoyaltySignalsExplainWithThemAndAModelOfEarlierFeaturesIsRetrainedNotMisread() {
        var buyers = new Buyers(jdbc);
        var random = new Random(11);
        for (int i = 0; i < 300; i++) {
            boolean quits = random.nextDouble() < 0.5;
            long customer = buyers.aCustomer("Loyal " + i);
            LocalDate start = TODAY.minusDays(400 + random.nextInt(60));
            LocalDate stop = quits ? TODAY.minusDays(120 + random.nextInt(200)) : TODAY;
            for (LocalDate day = start; day.isBefore(stop); day = day.plusDays(10 + random.nextInt(25))) {
                buyers.order(customer, day, "100", "PAID");
            }
            // the planted signal: those about to quit let their points run out, the others spend theirs
            buyers.points(customer, start, "ADJUSTMENT", "PROGRAMME", "ACTIVE", 2000);
            for (LocalDate day = start.plusDays(30); day.isBefore(TODAY); day = day.plusDays(30)) {
                if (quits) {
                    buyers.points(customer, day, "EXPIRY", "ACTIVE", "EXPIRED", 40);
                } else {
                    buyers.points(customer, day, "REDEMPTION", "ACTIVE", "REDEEMED", 40);
                }
            }
        }

        // the ledger written for these members is whole, as the programme's own would be
        assertThat(ledger.run().problems()).isEmpty();

        ChurnTraining.Result result = training.train();

        assertThat(result.promoted().features()).containsAll(LOYALTY_FEATURES);
        assertThat(result.promoted().seesCurrentFeatures()).isTrue();
        assertThat(result.promoted().metrics().rocAuc()).isGreaterThan(0.75);
        String explained = jdbc.sql("""
                        select customer_id from churn_scores
                        where reasons @> '[{"feature": "points_expired_90_days"}]'
                           or reasons @> '[{"feature": "points_redeemed_90_days"}]'
                           or reasons @> '[{"feature": "days_since_redemption"}]'
                        order by probability desc limit 1""")
                .query(String.class)
                .optional()
                .orElseThrow(() -> new AssertionError("no score has a loyalty signal among its reasons"));
        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        for (String language : List.of("en", "zh-CN")) {
            var risk = analyst.get("/api/v1/customers/" + explained + "/churn-risk", language);
            assertThat(risk.status()).isEqualTo(200);
            assertThat(risk.body().get("reasons").toString()).doesNotContain("churn.reason");
        }

        // a model trained before the loyalty signals existed reads fewer columns: it scores no one, is refused as a
        // roll back, and the nightly run trains anew
        var old = (LogisticChurnModel) models.load(result.trained().stream()
                .filter(m -> m.algorithm() == ChurnAlgorithm.LOGISTIC_REGRESSION)
                .findFirst()
                .orElseThrow()
                .id());
        int earlier = ChurnFeature.P_ALIVE.ordinal() + 1;
        var c = old.coefficients();
        byte[] bytes = JsonMapper.builder()
                .build()
                .writeValueAsBytes(new LogisticChurnModel.Coefficients(
                        Arrays.copyOf(c.means(), earlier),
                        Arrays.copyOf(c.spreads(), earlier),
                        Arrays.copyOf(c.weights(), earlier),
                        c.intercept()));
        String earlierKeys =
                JsonMapper.builder().build().writeValueAsString(Arrays.copyOf(ChurnFeature.keys(), earlier));
        long oldId = jdbc.sql("""
                        insert into churn_models (algorithm, status, features, feature_date, validation_date, basis,
                            inactive_days, train_rows, validation_rows, metrics, model, trained_at)
                        select algorithm, 'RETIRED', ?::jsonb, feature_date, validation_date, basis, inactive_days,
                               train_rows, validation_rows, metrics, ?, trained_at
                        from churn_models where id = ? returning id""")
                .params(earlierKeys, bytes, result.promoted().id())
                .query(Long.class)
                .single();
        assertThat(models.find(oldId).orElseThrow().seesCurrentFeatures()).isFalse();
        var manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        var refused = manager.post("/api/v1/predict/churn/models/" + oldId + "/activate", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().toString()).contains("other features");
        assertThat(models.active().orElseThrow().id())
                .isEqualTo(result.promoted().id());

        // as after an upgrade: the model of the earlier features is the active one
        jdbc.sql("update churn_models set status = 'RETIRED' where status = 'ACTIVE'")
                .update();
        jdbc.sql("update churn_models set status = 'ACTIVE' where id = ?")
                .param(oldId)
                .update();
        ChurnScoring.Run run = scoring.score();
        assertThat(run.modelId()).isNull();
        assertThat(jdbc.sql("select count(*) from churn_scores")
                        .query(Long.class)
                        .single())
                .isZero();

        scheduled.rescore();
        ChurnModels.Registered retrained = models.active().orElseThrow();
        assertThat(retrained.id()).isGreaterThan(oldId);
        assertThat(retrained.seesCurrentFeatures()).isTrue();
        assertThat(jdbc.sql("select count(*) from churn_scores where model_id = ?")
                        .param(retrained.id())
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void everyFeatureHasItsNameAndReasonInBothLanguages() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            for (String key : ChurnFeature.keys()) {
                assertThat(messages.getMessage("churn.feature." + key, null, null, locale))
                        .as(key + " " + locale)
                        .isNotBlank();
                assertThat(messages.getMessage("churn.reason." + key, new Object[] {3.0, 4.0}, null, locale))
                        .as(key + " " + locale)
                        .isNotBlank()
                        .doesNotContain("{");
            }
        }
        assertThat(messages.getMessage("churn.reason.points_expired_90_days", new Object[] {120.0}, Locale.ENGLISH))
                .isEqualTo("120 points expired in the last 90 days");
        assertThat(messages.getMessage(
                        "churn.reason.points_expired_90_days", new Object[] {120.0}, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("积分在过去 90 天过期了 120 分");
        assertThat(messages.getMessage("churn.reason.tier_level", new Object[] {0.0}, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("不在任何会员等级");
        assertThat(messages.getMessage("churn.reason.tier_moved_down_180_days", new Object[] {2.0}, Locale.ENGLISH))
                .isEqualTo("Moved down a loyalty tier in the last 180 days, now level 2");
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
