package dev.retain.demo.service;

import dev.retain.customers.Customer;
import dev.retain.customers.CustomerQuery;
import dev.retain.customers.Customers;
import dev.retain.demo.PastChapter;
import dev.retain.demo.PastDay;
import dev.retain.platform.Role;
import dev.retain.platform.Team;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.service.AuthorKind;
import dev.retain.service.CannedReplies;
import dev.retain.service.DeskSettings;
import dev.retain.service.ServiceSettings;
import dev.retain.service.TicketCategories;
import dev.retain.service.TicketCategory;
import dev.retain.service.TicketChannel;
import dev.retain.service.TicketHistory;
import dev.retain.service.TicketHistory.PastMessage;
import dev.retain.service.TicketHistory.PastMove;
import dev.retain.service.TicketHistory.PastTicket;
import dev.retain.service.TicketPriority;
import dev.retain.service.TicketStatus;
import dev.retain.service.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The service desk (客服部): switched on when the company started with Retain, with its categories (物流, 质量, 退换货,
 * 账户, 发票), canned replies, and two agents. Each day the tickets of the day before come in — by phone, mail and the
 * API — and are answered, noted, solved, now and then reopened by the customer's reply, or merged when a customer
 * wrote twice; the last days' tickets are still being worked on. Loaded in bulk through the desk's history, a
 * statement per kind of change per day, so the whole past adds well under a few seconds.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class ServicePast implements PastChapter {

    static final String TEAM = "客服部";
    private static final int CUSTOMER_POOL = 1_000;

    /** A kind of problem: its category, what customers write about it, and what the desk answers. */
    private record Problem(
            String nameZh, String nameEn, List<String> subjects, List<String> bodies, List<String> replies) {}

    private static final List<Problem> PROBLEMS = List.of(
            new Problem(
                    "物流",
                    "Shipping",
                    List.of("快递三天没有更新", "包裹显示已签收但我没收到", "能不能改一下收货地址", "物流太慢了，什么时候能到"),
                    List.of("订单下了好几天，物流信息一直没动，麻烦帮忙查一下。", "快递说放在门口了，可是我没看到包裹。", "我搬家了，想把收货地址改成公司地址。"),
                    List.of("您好，已为您联系快递公司催件，预计明天送达，请留意电话。", "您好，已核实包裹被邻居代收，快递员会联系您送回。")),
            new Problem(
                    "质量",
                    "Quality",
                    List.of("收到的商品有划痕", "用了一周就坏了", "颜色和图片不一样"),
                    List.of("打开包装发现外壳有明显划痕，能换一个吗？", "才用了一周就开不了机了，怎么处理？", "实物颜色比图片深很多。"),
                    List.of("非常抱歉给您带来不便，已为您安排换新，新品今天发出。", "您好，请拍一张照片发给我们，我们会尽快为您处理。")),
            new Problem(
                    "退换货",
                    "Returns",
                    List.of("想退货，怎么操作", "换货申请一直没人处理", "退款什么时候到账"),
                    List.of("尺码不合适，想申请退货。", "三天前提交的换货申请还没有审核。", "退货已经寄回去一周了，退款还没到。"),
                    List.of("您好，退货申请已通过，请按短信中的地址寄回，运费由我们承担。", "您好，退款已原路退回，一般 1-3 个工作日到账。")),
            new Problem(
                    "账户",
                    "Account",
                    List.of("登录不了账户", "积分没有到账", "想修改绑定的手机号"),
                    List.of("一直提示密码错误，重置也收不到验证码。", "上周的订单积分还没有到账。", "原来的手机号不用了，想换绑新号码。"),
                    List.of("您好，已为您重置账户，请用新收到的验证码登录。", "您好，积分在订单完成 7 天后到账，请再耐心等待几天。")),
            new Problem(
                    "发票",
                    "Invoice",
                    List.of("需要开增值税专用发票", "发票抬头开错了", "发票什么时候寄出"),
                    List.of("公司采购需要专票，税号已经发到邮箱了。", "发票抬头少了一个字，麻烦重开。", "订单完成半个月了，还没收到发票。"),
                    List.of("您好，专票已开具，将在 3 个工作日内寄出。", "您好，已为您作废原发票并重新开具，电子发票已发送到您的邮箱。")));

    private static final List<String> NOTES =
            List.of("已联系仓库核实库存。", "客户情绪较急，优先处理。", "需要财务确认后再回复客户。", "同一批次已有多位客户反映，留意。");
    private static final List<String> THANKS = List.of("好的，谢谢！", "收到了，问题解决了。", "谢谢，已经处理好了。");
    private static final List<String> AGAIN = List.of("还是没有解决，又出现同样的问题了。", "新寄来的也有问题。", "说好的退款还没到账。");
    private static final List<String> AGAIN_REPLIES = List.of("非常抱歉，已升级处理，专人会在今天内联系您。", "您好，已重新为您安排，请留意短信通知。");

    /** Something that happens to a ticket later: a message, a move or a merge into another. */
    private record Step(Instant at, long ticketId, PastMessage message, PastMove move, Long mergeInto) {}

    private final TicketCategories categories;
    private final CannedReplies canned;
    private final ServiceSettings settings;
    private final TicketHistory history;
    private final Teams teams;
    private final UserAccounts users;
    private final Customers customers;
    private final PriorityQueue<Step> due = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private final List<Customer> pool = new ArrayList<>();
    private final List<Long> categoryIds = new ArrayList<>();
    private final List<UserAccount> agents = new ArrayList<>();
    private Long teamId;
    private long opened;
    private long merged;
    private long solved;

    ServicePast(
            TicketCategories categories,
            CannedReplies canned,
            ServiceSettings settings,
            TicketHistory history,
            Teams teams,
            UserAccounts users,
            Customers customers) {
        this.categories = categories;
        this.canned = canned;
        this.settings = settings;
        this.history = history;
        this.teams = teams;
        this.users = users;
        this.customers = customers;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void adopt(PastDay day) {
        for (Problem problem : PROBLEMS) {
            TicketCategory category = categories.create(problem.nameZh(), problem.nameEn());
            categoryIds.add(category.id());
        }
        canned.create("催件", "{{customer.name}}您好，已为您联系快递公司催件，工单 {{ticket.number}} 有进展会第一时间通知您。客服 {{agent.name}}");
        canned.create("道歉并换新", "{{customer.name}}您好，非常抱歉给您带来不便，我们已为您安排换新。客服 {{agent.name}}");
        canned.create("结案确认", "{{customer.name}}您好，工单 {{ticket.number}} 的问题已处理，如仍有疑问请直接回复。");
        Team team = teams.list().stream()
                .filter(t -> t.name().equals(TEAM))
                .findFirst()
                .orElseGet(() -> teams.create(TEAM, null));
        teamId = team.id();
        users.findByUsername("service2").ifPresent(user -> teams.placeUser(user.id(), team.id()));
        users.findByUsername("manager").ifPresent(manager -> teams.setManagers(team.id(), List.of(manager.id())));
        DeskSettings current = settings.current();
        settings.update(new DeskSettings(current.reopenDays(), current.attachmentMaxBytes(), team.id()));
        agents.addAll(users.withAnyRole(Set.of(Role.SERVICE)).stream()
                .filter(UserAccount::enabled)
                .toList());
        for (int page = 0; pool.size() < CUSTOMER_POOL; page++) {
            var found = customers.search(CustomerQuery.all(), page, 500).items();
            pool.addAll(found);
            if (found.size() < 500) {
                break;
            }
        }
    }

    @Override
    public void live(PastDay day) {
        if (pool.isEmpty() || agents.isEmpty() || day.number() == 0) {
            return;
        }
        SplittableRandom random = day.random("service");
        Instant now = day.at(LocalTime.of(9, 0));
        openYesterdays(day, random);
        List<Step> round = new ArrayList<>();
        Set<Long> inRound = new HashSet<>();
        while (!due.isEmpty() && !due.peek().at().isAfter(now)) {
            Step step = due.poll();
            if (!inRound.add(step.ticketId())) {
                apply(round);
                round.clear();
                inRound.clear();
                inRound.add(step.ticketId());
            }
            round.add(step);
        }
        apply(round);
    }

    /** The tickets that came in the day before, with what will happen to each. */
    private void openYesterdays(PastDay day, SplittableRandom random) {
        boolean weekend = day.date().minusDays(1).getDayOfWeek().getValue() >= 6;
        int count = (weekend ? 2 : 4) + random.nextInt(4);
        List<PastTicket> tickets = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<UserAccount> assignees = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Customer customer = pool.get(random.nextInt(pool.size()));
            int kind = random.nextInt(PROBLEMS.size());
            Problem problem = PROBLEMS.get(kind);
            UserAccount agent = agents.get(random.nextInt(agents.size()));
            Instant at = day.at(LocalTime.of(8 + random.nextInt(13), random.nextInt(60)))
                    .minus(Duration.ofDays(1));
            TicketChannel channel = List.of(
                            TicketChannel.PHONE, TicketChannel.EMAIL, TicketChannel.API, TicketChannel.EMAIL)
                    .get(random.nextInt(4));
            TicketPriority priority = random.nextDouble() < 0.1
                    ? TicketPriority.HIGH
                    : random.nextDouble() < 0.03 ? TicketPriority.URGENT : TicketPriority.NORMAL;
            String subject = pick(problem.subjects(), random);
            tickets.add(new PastTicket(
                    customer.id(),
                    subject,
                    pick(problem.bodies(), random),
                    customer.name(),
                    channel,
                    categoryIds.get(kind),
                    priority,
                    random.nextDouble() < 0.85 ? agent.id() : null,
                    teamId,
                    at));
            problems.add(problem);
            assignees.add(agent);
            // now and then a customer writes twice about the same thing: the second is merged into the first
            if (random.nextDouble() < 0.04) {
                tickets.add(new PastTicket(
                        customer.id(),
                        subject,
                        "再问一下：" + pick(problem.bodies(), random),
                        customer.name(),
                        TicketChannel.EMAIL,
                        categoryIds.get(kind),
                        priority,
                        null,
                        teamId,
                        at.plus(Duration.ofMinutes(20 + random.nextInt(60)))));
                problems.add(null);
                assignees.add(agent);
            }
        }
        List<Long> ids = history.open(tickets);
        opened += ids.size();
        for (int i = 0; i < ids.size(); i++) {
            if (problems.get(i) == null) {
                // the duplicate of the ticket before it
                due.add(new Step(
                        tickets.get(i).at().plus(Duration.ofHours(2)), ids.get(i), null, null, ids.get(i - 1)));
                continue;
            }
            plan(ids.get(i), tickets.get(i), problems.get(i), assignees.get(i), random);
        }
    }

    /** What happens to a ticket: an answer within hours, a solve within days, sometimes a reopen and a second solve. */
    private void plan(long id, PastTicket ticket, Problem problem, UserAccount agent, SplittableRandom random) {
        Instant reply = ticket.at().plus(Duration.ofMinutes(20 + random.nextInt(60 * 20)));
        if (random.nextDouble() < 0.3) {
            due.add(new Step(
                    reply.minus(Duration.ofMinutes(10)), id, note(id, agent, pick(NOTES, random), reply), null, null));
        }
        due.add(new Step(reply, id, agentReply(id, agent, pick(problem.replies(), random), reply), null, null));
        double outcome = random.nextDouble();
        if (outcome < 0.08) {
            due.add(new Step(
                    reply.plusSeconds(60),
                    id,
                    null,
                    new PastMove(id, TicketStatus.PENDING_CUSTOMER, reply.plusSeconds(60), agent.username()),
                    null));
            return;
        }
        Instant solve = reply.plus(Duration.ofHours(1 + random.nextInt(60)));
        if (random.nextDouble() < 0.5) {
            due.add(new Step(
                    solve.minus(Duration.ofMinutes(30)),
                    id,
                    customerSays(id, ticket, pick(THANKS, random), solve.minus(Duration.ofMinutes(30))),
                    null,
                    null));
        }
        due.add(new Step(solve, id, null, new PastMove(id, TicketStatus.SOLVED, solve, agent.username()), null));
        if (random.nextDouble() < 0.12) {
            Instant again = solve.plus(Duration.ofHours(12 + random.nextInt(24 * 5)));
            due.add(new Step(again, id, customerSays(id, ticket, pick(AGAIN, random), again), null, null));
            Instant answered = again.plus(Duration.ofHours(1 + random.nextInt(8)));
            due.add(new Step(answered, id, agentReply(id, agent, pick(AGAIN_REPLIES, random), answered), null, null));
            Instant solvedAgain = answered.plus(Duration.ofHours(4 + random.nextInt(48)));
            due.add(new Step(
                    solvedAgain, id, null, new PastMove(id, TicketStatus.SOLVED, solvedAgain, agent.username()), null));
        }
    }

    /** Applies a round of steps, each of another ticket: messages, then moves, then merges. */
    private void apply(List<Step> round) {
        List<PastMessage> messages = new ArrayList<>();
        List<PastMove> moves = new ArrayList<>();
        for (Step step : round) {
            if (step.message() != null) {
                messages.add(step.message());
            } else if (step.move() != null) {
                moves.add(step.move());
                solved += step.move().to() == TicketStatus.SOLVED ? 1 : 0;
            }
        }
        history.messages(messages);
        history.moves(moves);
        for (Step step : round) {
            if (step.mergeInto() != null) {
                history.merge(step.ticketId(), step.mergeInto(), step.at(), "service");
                merged++;
            }
        }
    }

    private static PastMessage agentReply(long id, UserAccount agent, String text, Instant at) {
        return new PastMessage(id, AuthorKind.AGENT, agent.id(), agent.displayName(), Visibility.PUBLIC, text, at);
    }

    private static PastMessage note(long id, UserAccount agent, String text, Instant at) {
        return new PastMessage(id, AuthorKind.AGENT, agent.id(), agent.displayName(), Visibility.INTERNAL, text, at);
    }

    private static PastMessage customerSays(long id, PastTicket ticket, String text, Instant at) {
        return new PastMessage(id, AuthorKind.CUSTOMER, null, ticket.customerName(), Visibility.PUBLIC, text, at);
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    @Override
    public List<String> generated() {
        return List.of("%d service tickets for the service team (%s, %d agents): %d solves, %d merged duplicates"
                .formatted(opened, TEAM, agents.size(), solved, merged));
    }
}
