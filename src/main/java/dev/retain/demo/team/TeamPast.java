package dev.retain.demo.team;

import dev.retain.customers.CustomerNotes;
import dev.retain.customers.CustomerQuery;
import dev.retain.customers.Customers;
import dev.retain.demo.ActingUser;
import dev.retain.demo.PastChapter;
import dev.retain.demo.PastDay;
import dev.retain.platform.Role;
import dev.retain.platform.Team;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.sales.FollowUpKind;
import dev.retain.sales.FollowUps;
import dev.retain.tasks.Task;
import dev.retain.tasks.Tasks;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sales team (销售部 with its two groups, under the manager) at work on weekdays: each works through the follow-up tasks due (the journeys' calls among them),
 * most of them on time with a follow-up record of what the customer said, some late and some not at all; now and then they note a
 * conversation with one of their customers and plan the next visit themselves. They act signed in as themselves, so
 * notes and the audit log name them.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class TeamPast implements PastChapter {

    static final double DONE_WHEN_DUE = 0.7;
    static final double DONE_WHEN_LATE = 0.15;
    static final double OWN_NOTE = 0.4;
    static final double OWN_TASK = 0.25;

    private static final List<String> CALL_NOTES = List.of(
            "电话回访：客户最近在用别家的，已告知回归礼券，说下周看看。",
            "电话回访：客户对上次的商品很满意，准备月底再订一批。",
            "电话未接通，已发微信留言。",
            "电话回访：客户反映物流慢，已反馈仓库，客户表示理解。",
            "Called: the customer had forgotten the coupon; will order this week.",
            "电话回访：客户预算收紧，下季度再联系。");
    private static final List<String> OUTCOMES = List.of("有意向", "暂无需求", "已报价", "约了下周拜访", "未接通");
    private static final List<String> OWN_NOTES = List.of(
            "微信沟通：客户询问新品到货时间，已发目录。",
            "拜访：客户门店扩张中，对批量采购价格感兴趣。",
            "客户生日，已送上祝福。",
            "Met at the trade fair: interested in the new tea range.",
            "客户投诉包装破损，已安排补发。");

    private final UserAccounts users;
    private final Teams teams;
    private final Tasks tasks;
    private final CustomerNotes notes;
    private final FollowUps followUps;
    private final Customers customers;
    private long done;
    private long notesWritten;
    private long planned;

    TeamPast(
            UserAccounts users,
            Teams teams,
            Tasks tasks,
            CustomerNotes notes,
            FollowUps followUps,
            Customers customers) {
        this.users = users;
        this.teams = teams;
        this.tasks = tasks;
        this.notes = notes;
        this.followUps = followUps;
        this.customers = customers;
    }

    @Override
    public int order() {
        return 20;
    }

    /** The company's departments as they stood when it started with Retain. */
    @Override
    public void adopt(PastDay day) {
        Team sales = teams.create("销售部", null);
        Team east = teams.create("华东销售组", sales.id());
        Team south = teams.create("华南销售组", sales.id());
        Team service = teams.create("客服部", null);
        user("manager").ifPresent(manager -> teams.setManagers(sales.id(), List.of(manager.id())));
        user("sales1").ifPresent(user -> teams.placeUser(user.id(), east.id()));
        user("sales2").ifPresent(user -> teams.placeUser(user.id(), east.id()));
        user("sales3").ifPresent(user -> teams.placeUser(user.id(), south.id()));
        user("service").ifPresent(user -> teams.placeUser(user.id(), service.id()));
    }

    private java.util.Optional<UserAccount> user(String username) {
        return users.findByUsername(username);
    }

    @Override
    public void live(PastDay day) {
        if (day.date().getDayOfWeek() == DayOfWeek.SATURDAY || day.date().getDayOfWeek() == DayOfWeek.SUNDAY) {
            return;
        }
        SplittableRandom random = day.random("team");
        day.moveTo(LocalTime.of(16, 0));
        for (UserAccount seller : users.withAnyRole(Set.of(Role.SALES))) {
            ActingUser.run(seller, () -> work(day, seller, random));
        }
    }

    private void work(PastDay day, UserAccount seller, SplittableRandom random) {
        var endOfDay = day.at(LocalTime.of(23, 59));
        for (Task task : tasks.openFor(seller.id())) {
            if (task.dueAt() == null || task.dueAt().isAfter(endOfDay)) {
                continue;
            }
            boolean late = task.dueAt().isBefore(day.at(LocalTime.MIDNIGHT));
            if (random.nextDouble() < (late ? DONE_WHEN_LATE : DONE_WHEN_DUE)) {
                followUps.record(
                        task.customerId(),
                        new FollowUps.NewFollowUp(
                                FollowUpKind.PHONE,
                                CALL_NOTES.get(random.nextInt(CALL_NOTES.size())),
                                OUTCOMES.get(random.nextInt(OUTCOMES.size())),
                                null,
                                task.id()));
                done++;
            }
        }
        if (random.nextDouble() < OWN_NOTE) {
            var own = customers.search(
                    new CustomerQuery(null, null, null, seller.id(), null, CustomerQuery.Sort.UPDATED, true),
                    random.nextInt(5),
                    20);
            if (!own.items().isEmpty()) {
                long customerId =
                        own.items().get(random.nextInt(own.items().size())).id();
                notes.add(customerId, OWN_NOTES.get(random.nextInt(OWN_NOTES.size())));
                notesWritten++;
                if (random.nextDouble() < OWN_TASK / OWN_NOTE) {
                    tasks.create(
                            customerId,
                            seller.id(),
                            random.nextBoolean() ? "VISIT" : "CALL",
                            "跟进："
                                    + OWN_NOTES.get(random.nextInt(OWN_NOTES.size()))
                                            .split("：")[0],
                            null,
                            day.at(LocalTime.of(10, 0)).plus(Duration.ofDays(2 + random.nextInt(5))),
                            "manual",
                            null);
                    planned++;
                }
            }
        }
    }

    @Override
    public List<String> generated() {
        return List.of(("teams 销售部 (华东销售组, 华南销售组) and 客服部; the sales team followed up %d customers by"
                        + " phone (closing their tasks), wrote %d notes and planned %d visits and calls")
                .formatted(done, notesWritten, planned));
    }
}
