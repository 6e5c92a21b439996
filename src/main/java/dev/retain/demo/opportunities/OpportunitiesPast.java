package dev.retain.demo.opportunities;

import dev.retain.commerce.Orders;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerQuery;
import dev.retain.customers.Customers;
import dev.retain.demo.ActingUser;
import dev.retain.demo.PastChapter;
import dev.retain.demo.PastDay;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.sales.LostReason;
import dev.retain.sales.LostReasons;
import dev.retain.sales.Opportunities;
import dev.retain.sales.Opportunity;
import dev.retain.sales.OpportunityLine;
import dev.retain.sales.OpportunityProgress;
import dev.retain.sales.OpportunityQuery;
import dev.retain.sales.OpportunityStage;
import dev.retain.sales.OpportunityStages;
import dev.retain.sales.OpportunityStatus;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sales team's opportunities (商机) on weekdays: now and then a salesperson opens one with a customer of theirs —
 * for the products the customer usually buys, by the case — and works their open ones through the funnel when they
 * have sat a while in their stage: on to the next stage, won at the end (the order is created) or earlier in the
 * negotiation, or lost for a reason from the list or in their own words. Some they forget about, so a few stand stuck
 * in their stage when the past is over. They act signed in as themselves, so the history and the audit name them.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class OpportunitiesPast implements PastChapter {

    static final double OPENS_ONE = 0.3;
    static final double LOST = 0.12;
    static final double WON_IN_NEGOTIATION = 0.25;
    static final double OWN_WORDS = 0.3;
    /** One opportunity in this many is forgotten once opened: it stays in its stage and is stuck after a while. */
    static final int FORGOTTEN_EVERY = 6;

    private static final List<String> TITLES =
            List.of("年度采购", "新品试用", "门店扩张备货", "节日礼盒定制", "渠道合作", "Bulk order for the new season");
    private static final List<String> OWN_REASONS = List.of("客户内部调整，项目搁置", "老板不同意这个价", "The buyer left the company");

    private final UserAccounts users;
    private final Customers customers;
    private final Orders orders;
    private final Opportunities opportunities;
    private final OpportunityProgress progress;
    private final OpportunityStages stages;
    private final LostReasons reasons;
    private long opened;
    private long moved;
    private long won;
    private long lost;
    private BigDecimal wonAmount = BigDecimal.ZERO;

    OpportunitiesPast(
            UserAccounts users,
            Customers customers,
            Orders orders,
            Opportunities opportunities,
            OpportunityProgress progress,
            OpportunityStages stages,
            LostReasons reasons) {
        this.users = users;
        this.customers = customers;
        this.orders = orders;
        this.opportunities = opportunities;
        this.progress = progress;
        this.stages = stages;
        this.reasons = reasons;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void live(PastDay day) {
        if (day.date().getDayOfWeek() == DayOfWeek.SATURDAY || day.date().getDayOfWeek() == DayOfWeek.SUNDAY) {
            return;
        }
        SplittableRandom random = day.random("opportunities");
        day.moveTo(LocalTime.of(15, 0));
        List<OpportunityStage> funnel = stages.list();
        for (UserAccount seller : users.withAnyRole(Set.of(Role.SALES))) {
            ActingUser.run(seller, () -> {
                work(day, seller, funnel, random);
                if (random.nextDouble() < OPENS_ONE) {
                    open(day, seller, random);
                }
            });
        }
    }

    private void open(PastDay day, UserAccount seller, SplittableRandom random) {
        var own = customers.search(
                new CustomerQuery(null, null, null, seller.id(), null, CustomerQuery.Sort.UPDATED, true),
                random.nextInt(5),
                20);
        if (own.items().isEmpty()) {
            return;
        }
        Customer customer = own.items().get(random.nextInt(own.items().size()));
        List<OpportunityLine> lines = orders.recentOf(customer.id(), 3).stream()
                .flatMap(order -> order.lines().stream())
                .filter(line -> line.sku() != null
                        && !line.sku().isBlank()
                        && line.unitPrice().signum() > 0)
                .map(line -> line.sku())
                .distinct()
                .limit(3)
                .map(sku -> new OpportunityLine(sku, null, 10 * (1 + random.nextInt(10)), null))
                .toList();
        BigDecimal amount = lines.isEmpty() ? BigDecimal.valueOf(2_000 + 500L * random.nextInt(200)) : null;
        opportunities.create(
                customer.id(),
                null,
                new Opportunities.OpportunityDraft(
                        TITLES.get(random.nextInt(TITLES.size())),
                        amount,
                        day.date().plusDays(20 + random.nextInt(70)),
                        null,
                        lines,
                        null));
        opened++;
    }

    /** The seller's open opportunities that have sat long enough in their stage move on, or end. */
    private void work(PastDay day, UserAccount seller, List<OpportunityStage> funnel, SplittableRandom random) {
        List<Opportunity> open = opportunities
                .search(new OpportunityQuery(seller.id(), null, OpportunityStatus.OPEN, null, null, false), 0, 500)
                .items();
        for (Opportunity opportunity : open) {
            int patience = 3 + random.nextInt(10);
            boolean waited =
                    opportunity.stageEnteredAt().plus(Duration.ofDays(patience)).isBefore(day.at(LocalTime.of(15, 0)));
            if (opportunity.id() % FORGOTTEN_EVERY == 0 || !waited) {
                continue;
            }
            int at = position(funnel, opportunity.stageId());
            if (random.nextDouble() < LOST) {
                lose(opportunity, random);
            } else if (at == funnel.size() - 1 || (at >= 3 && random.nextDouble() < WON_IN_NEGOTIATION)) {
                Opportunity closed =
                        progress.win(opportunity.id(), new OpportunityProgress.Win(true, null), opportunity.version());
                won++;
                wonAmount = wonAmount.add(closed.amount());
            } else {
                progress.move(opportunity.id(), funnel.get(at + 1).id(), opportunity.version());
                moved++;
            }
        }
    }

    private void lose(Opportunity opportunity, SplittableRandom random) {
        List<LostReason> listed = reasons.list();
        String reason = listed.isEmpty() || random.nextDouble() < OWN_WORDS
                ? OWN_REASONS.get(random.nextInt(OWN_REASONS.size()))
                : listed.get(random.nextInt(listed.size())).name();
        progress.lose(opportunity.id(), reason, opportunity.version());
        lost++;
    }

    private static int position(List<OpportunityStage> funnel, long stageId) {
        for (int i = 0; i < funnel.size(); i++) {
            if (funnel.get(i).id() == stageId) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public List<String> generated() {
        long open = opportunities.search(OpportunityQuery.open(), 0, 1).total();
        long stuck = opportunities
                .search(new OpportunityQuery(null, null, OpportunityStatus.OPEN, null, null, true), 0, 1)
                .total();
        return List.of(("opportunities: the sales team opened %d, moved them %d times through the funnel, won %d"
                        + " (orders of ¥%s) and lost %d; %d are open, %d of them stuck")
                .formatted(opened, moved, won, wonAmount.toPlainString(), lost, open, stuck));
    }
}
