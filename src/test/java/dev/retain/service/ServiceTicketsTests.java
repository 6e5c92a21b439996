package dev.retain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerReviews;
import dev.retain.customers.Customers;
import dev.retain.customers.Identity;
import dev.retain.customers.LifecycleStage;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.segments.Conditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The service desk as its API and pages meet it: tickets opened for a customer named by id, phone or email, or for an
 * unknown sender (who becomes a prospect to review); statuses along their allowed moves; a customer's reply reopening
 * a recently solved ticket and starting a new one after the reopen days; merging; canned replies; the data scope of an
 * agent; and bad input refused with the field named and nothing written.
 */
@IntegrationTest
class ServiceTicketsTests {

    private static final String PASSWORD = "service desk test password";
    private static final tools.jackson.databind.ObjectMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    UserAccounts users;

    @Autowired
    Customers customers;

    @Autowired
    CustomerReviews reviews;

    @Autowired
    Tickets tickets;

    @Autowired
    TicketCategories categories;

    @Autowired
    CannedReplies canned;

    @Autowired
    Conditions conditions;

    @Autowired
    dev.retain.platform.Teams teams;

    @Autowired
    CreateTicketAction createTicket;

    @Autowired
    TicketFigures ticketFigures;

    @Autowired
    TicketAttachments attachments;

    @Autowired
    ServiceSettings settings;

    @Autowired
    dev.retain.customers.CustomerMerges customerMerges;

    @Autowired
    dev.retain.segments.Audiences audiences;

    private String agentName;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    TicketWork work;

    private final String token = Long.toString(System.nanoTime(), 36);
    private ApiClient desk;

    @BeforeEach
    void deskKey() {
        desk = ApiClient.withRoles(port, apiKeys, Role.SERVICE);
    }

    @Test
    void aTicketNamesItsCustomerByIdPhoneOrEmailAndAnUnknownSenderBecomesAProspectToReview() {
        Customer known = customer("known", null, "138" + digits(8), "known-" + token + "@example.com");

        long byId = customerOf(open(Map.of("customerId", known.id())));
        long byPhone = customerOf(open(Map.of("phone", "+86 " + known.phone().substring(3))));
        long byEmail = customerOf(open(Map.of("email", known.email().toUpperCase())));
        long unknown = customerOf(open(Map.of("email", "stranger-" + token + "@example.com", "name", "陌生人")));

        assertThat(List.of(byId, byPhone, byEmail)).containsOnly(known.id());
        assertThat(unknown).isNotEqualTo(known.id());
        Customer prospect = customers.find(unknown);
        assertThat(prospect.name()).isEqualTo("陌生人");
        assertThat(prospect.lifecycleStage()).isEqualTo(LifecycleStage.PROSPECT);
        assertThat(reviews.of(unknown)).isPresent();
        assertThat(reviews.of(known.id())).isEmpty();
        WebSession agent = signedIn(Role.SERVICE);
        assertThat(agent.get("/customers/" + unknown).body()).contains("id=\"customer-review\"");
        agent.post("/customers/" + unknown + "/review", "/customers/" + unknown, Map.of());
        assertThat(reviews.of(unknown)).isEmpty();
        // a salesperson cannot clear the flag of a customer outside their scope
        Customer colleagues = customer(
                "colleague's", users.findByUsername(agentName).orElseThrow().id(), null, null);
        reviews.flag(colleagues.id(), "test");
        WebSession sales = signedIn(Role.SALES);
        var refused = sales.post("/customers/" + colleagues.id() + "/review", "/", Map.of());
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(reviews.of(colleagues.id())).isPresent();
    }

    @Test
    void aTicketMovesOnlyAlongTheAllowedStatusesAndKeepsItsHistory() {
        JsonNode ticket =
                open(Map.of("customerId", customer("moves", null, null, null).id()));
        long id = ticket.get("id").asLong();
        assertThat(ticket.get("status").asString()).isEqualTo("NEW");
        assertThat(ticket.get("number").asLong()).isGreaterThan(10_000);

        assertThat(status(id, "ON_HOLD").status()).isEqualTo(200);
        assertThat(status(id, "SOLVED").body().get("solvedAt").isNull()).isFalse();
        var refused = status(id, "PENDING_CUSTOMER");
        assertThat(status(id, "CLOSED").status()).isEqualTo(200);
        var afterClose = status(id, "OPEN");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("status").contains("SOLVED");
        assertThat(afterClose.status()).isEqualTo(400);
        JsonNode read = desk.get("/api/v1/tickets/" + id).body();
        assertThat(read.get("ticket").get("status").asString()).isEqualTo("CLOSED");
        List<String> moves = new ArrayList<>();
        read.get("history").forEach(h -> moves.add(h.get("to").asString()));
        assertThat(moves).containsExactly("NEW", "ON_HOLD", "SOLVED", "CLOSED");
    }

    @Test
    void theFirstPublicReplyIsTheFirstResponseAndANoteIsNot() {
        long id = open(Map.of("customerId", customer("reply", null, null, null).id()))
                .get("id")
                .asLong();

        var note = desk.post(
                "/api/v1/tickets/" + id + "/messages",
                Map.of("body", "内部：先查物流", "author", "AGENT", "visibility", "INTERNAL"));
        assertThat(note.status()).isEqualTo(201);
        assertThat(tickets.find(id).firstResponseAt()).isNull();

        desk.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "您好，已为您催件", "author", "AGENT"));

        Ticket answered = tickets.find(id);
        assertThat(answered.firstResponseAt()).isNotNull();
        assertThat(answered.status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void aCustomersReplyReopensASolvedTicketWithinTheReopenDaysAndStartsANewOneAfter() {
        Customer customer = customer("reopen", null, null, null);
        long recent = open(Map.of("customerId", customer.id())).get("id").asLong();
        long old = open(Map.of("customerId", customer.id())).get("id").asLong();
        status(recent, "SOLVED");
        status(old, "SOLVED");
        int reopenDays = new ServiceSettingsReader(jdbc).reopenDays();
        jdbc.sql("update tickets set solved_at = solved_at - make_interval(days => ?) where id = ?")
                .params(reopenDays + 1, old)
                .update();

        var reopened = desk.post(
                "/api/v1/tickets/" + recent + "/messages",
                Map.of("body", "还是没收到", "author", "CUSTOMER", "messageId", "<a-" + token + "@mail>"));
        var again = desk.post(
                "/api/v1/tickets/" + recent + "/messages",
                Map.of("body", "还是没收到", "author", "CUSTOMER", "messageId", "<a-" + token + "@mail>"));
        var late = desk.post("/api/v1/tickets/" + old + "/messages", Map.of("body", "又坏了", "author", "CUSTOMER"));

        assertThat(reopened.status()).isEqualTo(201);
        assertThat(reopened.body().get("newTicket").asBoolean()).isFalse();
        Ticket ticket = tickets.find(recent);
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.reopenCount()).isEqualTo(1);
        assertThat(ticket.solvedAt()).isNull();
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        assertThat(jdbc.sql("select count(*) from ticket_messages where ticket_id = ?")
                        .param(recent)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(late.body().get("newTicket").asBoolean()).isTrue();
        long started = late.body().get("ticket").get("id").asLong();
        assertThat(started).isNotEqualTo(old);
        assertThat(tickets.find(old).status()).isEqualTo(TicketStatus.SOLVED);
        assertThat(tickets.find(started).subject()).isEqualTo(tickets.find(old).subject());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(eventTypes(customer.id()))
                        .contains("ticket_created", "ticket_solved", "ticket_reopened"));
    }

    @Test
    void aDuplicateMergedIntoAnotherIsClosedWithAPointerAndItsMessagesShowInTheSurvivor() {
        Customer customer = customer("merge", null, null, null);
        long duplicate = open(Map.of("customerId", customer.id(), "body", "重复的问题 " + token))
                .get("id")
                .asLong();
        long survivor = open(Map.of("customerId", customer.id())).get("id").asLong();
        long elsewhere = open(Map.of(
                        "customerId", customer("other", null, null, null).id()))
                .get("id")
                .asLong();
        WebSession agent = signedIn(Role.SERVICE);

        var refused = agent.post(
                "/tickets/" + duplicate + "/merge",
                "/tickets/" + duplicate,
                Map.of("into", "#" + tickets.find(elsewhere).number()));
        assertThat(tickets.find(duplicate).mergedInto()).isNull();
        agent.post(
                "/tickets/" + duplicate + "/merge",
                "/tickets/" + duplicate,
                Map.of("into", "#" + tickets.find(survivor).number()));

        assertThat(refused.statusCode()).isEqualTo(302);
        Ticket merged = tickets.find(duplicate);
        assertThat(merged.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(merged.mergedInto()).isEqualTo(survivor);
        JsonNode thread = desk.get("/api/v1/tickets/" + survivor).body().get("messages");
        assertThat(thread.toString()).contains("重复的问题 " + token).contains("Merged #" + merged.number());
        assertThat(agent.get("/tickets/" + survivor).body()).contains("重复的问题 " + token);
    }

    @Test
    void aCannedReplyIsFilledInForTheTicketAndTheAgent() {
        CannedReply reply =
                canned.create("催件 " + token, "{{customer.name}}您好，工单 {{ticket.number}} 已由{{agent.name}}跟进。");
        Customer customer = customer("canned", null, null, null);
        long id = open(Map.of("customerId", customer.id())).get("id").asLong();
        Ticket ticket = tickets.find(id);

        String text = CannedReplies.render(reply.body(), ticket, "小王");
        String page = signedIn(Role.SERVICE)
                .get("/tickets/" + id + "?canned=" + reply.id())
                .body();

        assertThat(text).isEqualTo(customer.name() + "您好，工单 #" + ticket.number() + " 已由小王跟进。");
        assertThat(page).contains(customer.name() + "您好，工单 #" + ticket.number());
        assertThat(desk.post("/api/v1/tickets", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void anAgentSeesTheCustomerOfAnOpenTicketAssignedToThemUntilItIsClosed() {
        long agent = user("agent", Role.SERVICE);
        long seller = user("seller", Role.SALES);
        Customer theirs = customer("theirs", seller, null, null);
        Customer own = customer("own", agent, null, null);
        ApiClient agentApi = ApiClient.withToken(
                port,
                apiKeys.create("agent " + token, Set.of(Role.SERVICE), agent).token());
        assertThat(agentApi.get("/api/v1/customers/" + theirs.id()).status()).isEqualTo(404);

        long ticket = open(Map.of("customerId", theirs.id(), "assigneeId", agent))
                .get("id")
                .asLong();
        long ownTicket = open(Map.of("customerId", own.id(), "assigneeId", agent))
                .get("id")
                .asLong();
        assertThat(agentApi.get("/api/v1/customers/" + theirs.id()).status()).isEqualTo(200);
        assertThat(agentApi.get("/api/v1/tickets?view=MINE").body().toString()).contains("\"id\":" + ticket);

        assertThat(agentApi.put("/api/v1/tickets/" + ticket + "/status", Map.of("status", "SOLVED"))
                        .status())
                .isEqualTo(200);
        agentApi.put("/api/v1/tickets/" + ownTicket + "/status", Map.of("status", "SOLVED"));

        assertThat(agentApi.get("/api/v1/customers/" + theirs.id()).status()).isEqualTo(404);
        assertThat(agentApi.get("/api/v1/tickets/" + ticket).status()).isEqualTo(404);
        assertThat(agentApi.get("/api/v1/customers/" + own.id()).status()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedNamingWhatWasWrongAndNothingIsWritten() {
        long before = ticketCount();
        String stranger = "nobody-" + token + "@example.com";

        var unknownCustomer = desk.post("/api/v1/tickets", body(Map.of("customerId", 987_654_321L)));
        var emptySubject = desk.post(
                "/api/v1/tickets",
                body(Map.of("customerId", customer("bad", null, null, null).id(), "subject", " ")));
        var unknownCategory = desk.post("/api/v1/tickets", body(Map.of("email", stranger, "categoryId", 987_654_321L)));
        var unknownChannel = desk.post("/api/v1/tickets", body(Map.of("email", stranger, "channel", "FAX")));
        var badPhone = desk.post("/api/v1/tickets", body(Map.of("phone", "12")));

        assertThat(problemFields(unknownCustomer)).containsExactly("customerId");
        assertThat(problemFields(emptySubject)).containsExactly("subject");
        assertThat(problemFields(unknownCategory)).containsExactly("categoryId");
        assertThat(problemFields(unknownChannel)).containsExactly("channel");
        assertThat(problemFields(badPhone)).containsExactly("phone");
        assertThat(unknownCustomer.contentType()).contains("problem+json");
        assertThat(ticketCount()).isEqualTo(before);
        assertThat(customers.idOf(new Identity("email", stranger))).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyOpensOneTicket() {
        Customer customer = customer("key", null, null, null);
        var first = desk.post("/api/v1/tickets", body(Map.of("customerId", customer.id())), "Idempotency-Key", token);
        var second = desk.post("/api/v1/tickets", body(Map.of("customerId", customer.id())), "Idempotency-Key", token);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.body().get("id").asLong())
                .isEqualTo(first.body().get("id").asLong());
        assertThat(tickets.ofCustomer(customer.id(), 10)).hasSize(1);
    }

    @Test
    void frequentServiceCustomersAreFoundByTheirTicketCount() {
        Customer frequent = customer("frequent", null, null, null);
        Customer rare = customer("rare", null, null, null);
        for (int i = 0; i < 3; i++) {
            open(Map.of("customerId", frequent.id()));
        }
        long reopened = open(Map.of("customerId", rare.id())).get("id").asLong();
        jdbc.sql("update tickets set created_at = created_at - interval '100 days' where customer_id = ?")
                .param(rare.id())
                .update();
        status(reopened, "SOLVED");
        desk.post("/api/v1/tickets/" + reopened + "/messages", Map.of("body", "again", "author", "CUSTOMER"));

        assertThat(matches("""
                        {"field": "tickets.count", "op": "gte", "value": 3, "params": {"within_days": 90}}""", frequent, rare)).containsExactly(frequent.id());
        var tag = audiences.createFromTemplate("frequent_service");
        assertThat(jdbc.sql("select customer_id from audience_members where audience_id = ? and customer_id in (?, ?)")
                        .params(tag.id(), frequent.id(), rare.id())
                        .query(Long.class)
                        .list())
                .containsExactly(frequent.id());
        assertThat(matches("""
                        {"field": "service.open_tickets", "op": "gte", "value": 3}""", frequent, rare)).containsExactly(frequent.id());
        assertThat(matches("""
                        {"field": "service.reopen_count", "op": "eq", "value": 1}""", frequent, rare)).containsExactly(rare.id());
    }

    @Test
    void aJourneyStepOpensOneTicketHoweverOftenItRuns() {
        Customer customer = customer("journey", null, null, null);
        var params = JSON.readTree("{\"subject\": \"回访差评客户\", \"body\": \"客户给了差评，请致电了解原因\", \"priority\": \"HIGH\"}");
        var context = new dev.retain.journeys.JourneyAction.ActionContext(
                1, 2, customer.id(), "call", params, "enrolment-2-call-" + token, "journey:1");

        assertThat(createTicket.problems(params)).isEmpty();
        assertThat(createTicket.problems(JSON.readTree("{\"subject\": \"\", \"priority\": \"SOON\"}")))
                .hasSize(3);
        createTicket.run(context);
        createTicket.run(context);

        List<Ticket> opened = tickets.ofCustomer(customer.id(), 10);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).priority()).isEqualTo(TicketPriority.HIGH);
        assertThat(opened.get(0).tags()).containsExactly("journey");
    }

    @Test
    void theTeamViewShowsTheTeamsTicketsAndItsQueue() {
        long agent = user("teamagent", Role.SERVICE);
        long colleague = user("colleague", Role.SERVICE);
        long outsider = user("outsider", Role.SERVICE);
        var team = teams.create("客服一组 " + token, null);
        teams.placeUser(agent, team.id());
        teams.placeUser(colleague, team.id());
        Customer customer = customer("team", null, null, null);
        long colleagues = open(Map.of("customerId", customer.id(), "assigneeId", colleague))
                .get("id")
                .asLong();
        long queued = open(Map.of("customerId", customer.id(), "teamId", team.id()))
                .get("id")
                .asLong();
        long elsewhere = open(Map.of("customerId", customer.id(), "assigneeId", outsider))
                .get("id")
                .asLong();

        var page = tickets.search(TicketQuery.of(TicketView.TEAM), agent, 0, 200).items().stream()
                .map(Ticket::id)
                .toList();

        assertThat(page).contains(colleagues, queued).doesNotContain(elsewhere);
        ApiClient agentApi = ApiClient.withToken(
                port,
                apiKeys.create("team " + token, Set.of(Role.SERVICE), agent).token());
        assertThat(agentApi.get("/api/v1/customers/" + customer.id()).status())
                .as("the customer of a ticket in the team's queue")
                .isEqualTo(200);
    }

    @Test
    void theDashboardAndMyDayShowTheDesksWork() {
        WebSession agent = signedIn(Role.SERVICE);
        long agentId = users.findByUsername(agentName).orElseThrow().id();
        Customer customer = customer("figures", null, null, null);
        long id = open(Map.of("customerId", customer.id(), "assigneeId", agentId, "priority", "URGENT"))
                .get("id")
                .asLong();
        jdbc.sql("update tickets set created_at = created_at - interval '3 hours' where id = ?")
                .param(id)
                .update();
        desk.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "已处理", "author", "AGENT"));
        var today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

        var figures = ticketFigures.of(today.minusDays(6), today, null, java.util.Locale.CHINESE);

        assertThat(figures.opened()).isPositive();
        assertThat(figures.times().firstResponseP90()).isPositive();
        assertThat(signedIn(Role.MANAGER).get("/analytics").body()).contains("id=\"service-figures\"");
        assertThat(agent.get("/my-day").body()).contains(tickets.find(id).reference());
    }

    @Test
    void anAgentSeesArticlesSuggestedForATicketAndAnInsertedOneCountsOnceAsHavingHelped() {
        WebSession agent = signedIn(Role.SERVICE);
        long category = knowledge.createCategory("发票 " + token).id();
        Article article = knowledge.publish(knowledge
                .create(new ArticleDraft(
                        "发票抬头修改 " + token, "在订单页申请重开发票，填写新的抬头。", "zh-CN", category, ArticleVisibility.INTERNAL, null))
                .id());
        Customer customer = customer("invoice", null, null, null);
        long id = open(Map.of("customerId", customer.id(), "subject", "发票抬头修改 " + token, "body", "抬头写错了"))
                .get("id")
                .asLong();

        String page = agent.get("/tickets/" + id).body();
        assertThat(page).contains("id=\"suggested-articles\"").contains("article=" + article.id());
        String withArticle =
                agent.get("/tickets/" + id + "?article=" + article.id()).body();
        assertThat(withArticle)
                .contains("在订单页申请重开发票，填写新的抬头。")
                .contains("name=\"articleId\" value=\"" + article.id() + "\"");

        for (int i = 0; i < 2; i++) {
            agent.post(
                    "/tickets/" + id + "/messages",
                    "/tickets/" + id,
                    Map.of("body", "请按以下步骤操作 " + i, "articleId", Long.toString(article.id())));
        }

        assertThat(work.thread(id).stream().filter(m -> m.authorKind() == AuthorKind.AGENT))
                .hasSize(2);
        assertThat(knowledge.find(article.id()).uses()).isEqualTo(1);
    }

    @Test
    void anAgentLogsACallAndWorksOnTicketsFromThePages() {
        WebSession agent = signedIn(Role.SERVICE);
        long agentId = users.findByUsername(agentName).orElseThrow().id();
        String phone = "139" + digits(8);
        String subject = "来电：发票抬头开错了 " + token;

        var created = agent.post(
                "/tickets",
                "/tickets/new",
                Map.of(
                        "phone",
                        phone,
                        "name",
                        "来电客户 " + token,
                        "subject",
                        subject,
                        "body",
                        "客户来电说发票抬头少了一个字",
                        "channel",
                        "PHONE",
                        "priority",
                        "HIGH",
                        "tags",
                        "发票, 来电"));
        var refused = agent.post("/tickets", "/tickets/new", Map.of("phone", phone, "subject", "", "body", "x"));

        assertThat(created.statusCode()).isEqualTo(302);
        Ticket ticket = tickets.search(
                        new TicketQuery(TicketView.ALL, null, null, null, null, null, null, subject), null, 0, 5)
                .items()
                .get(0);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/tickets/" + ticket.id());
        assertThat(ticket.assigneeId()).isEqualTo(agentId);
        assertThat(ticket.channel()).isEqualTo(TicketChannel.PHONE);
        assertThat(ticket.tags()).containsExactly("发票", "来电");
        assertThat(refused.headers().firstValue("Location").orElseThrow()).contains("/tickets/new");
        assertThat(agent.get("/tickets/" + ticket.id()).body()).contains("客户来电说发票抬头少了一个字");

        agent.post("/tickets/" + ticket.id() + "/status", "/tickets/" + ticket.id(), Map.of("status", "ON_HOLD"));
        agent.post("/tickets/" + ticket.id() + "/priority", "/tickets/" + ticket.id(), Map.of("priority", "URGENT"));
        assertThat(tickets.find(ticket.id()).status()).isEqualTo(TicketStatus.ON_HOLD);
        assertThat(tickets.find(ticket.id()).priority()).isEqualTo(TicketPriority.URGENT);

        long other = open(Map.of("customerId", ticket.customerId())).get("id").asLong();
        var bulk = agent.post(
                "/tickets/bulk",
                "/tickets?view=ALL",
                Map.of("ids", Long.toString(other), "action", "assign", "assigneeId", Long.toString(agentId)));
        assertThat(bulk.statusCode()).isEqualTo(302);
        assertThat(tickets.find(other).assigneeId()).isEqualTo(agentId);
        assertThat(agent.get("/tickets?view=MINE").body())
                .contains(subject)
                .contains(tickets.find(other).reference());
        assertThat(agent.get("/").body()).contains(tickets.find(other).reference());

        agent.post(
                "/tickets/bulk",
                "/tickets?view=MINE",
                Map.of("ids", Long.toString(other), "action", "status", "status", "NEW"));
        agent.post(
                "/tickets/bulk",
                "/tickets?view=MINE",
                Map.of("ids", Long.toString(other), "action", "priority", "priority", "LOW"));
        assertThat(tickets.find(other).status())
                .as("NEW is no move a person makes")
                .isEqualTo(TicketStatus.OPEN);
        assertThat(tickets.find(other).priority()).isEqualTo(TicketPriority.LOW);
    }

    @Test
    void attachmentsAreKeptUpToTheDesksCapAndDownloadedAsFiles() {
        long id = open(Map.of("customerId", customer("files", null, null, null).id()))
                .get("id")
                .asLong();
        int cap = jdbc.sql("select attachment_max_bytes from service_settings")
                .query(Integer.class)
                .single();

        var kept = attachments.add(id, null, "破损照片.jpg", "image/jpeg", new byte[] {1, 2, 3});
        var tooLarge = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.retain.platform.InvalidInputException.class,
                () -> attachments.add(id, null, "huge.bin", null, new byte[cap + 1]));

        assertThat(tooLarge.fieldErrors()).containsKey("file");
        assertThat(attachments.of(id))
                .extracting(TicketAttachments.Attachment::fileName)
                .containsExactly("破损照片.jpg");
        var download = signedIn(Role.SERVICE).get("/tickets/" + id + "/attachments/" + kept.id());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment");
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/octet-stream");
    }

    @Test
    void ticketsFollowTheirCustomersMergeAndGoBackOnAnUnmerge() {
        Customer merged = customer("merged", null, null, null);
        Customer survivor = customer("survivor", null, null, null);
        long id = open(Map.of("customerId", merged.id())).get("id").asLong();
        desk.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "跟进中", "author", "AGENT"));

        var merge = customerMerges.merge(survivor.id(), merged.id());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(tickets.find(id).customerId()).isEqualTo(survivor.id()));
        assertThat(desk.get("/api/v1/tickets/" + id).body().get("messages").size())
                .isEqualTo(2);

        customerMerges.unmerge(merge.id());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(tickets.find(id).customerId()).isEqualTo(merged.id()));
    }

    @Test
    void managersKeepTheDesksSettingsCategoriesAndCannedRepliesOnTheSettingsPage() {
        WebSession manager = signedIn(Role.MANAGER);
        DeskSettings before = settings.current();
        try {
            manager.post(
                    "/service/settings", "/service/settings", Map.of("reopenDays", "400", "attachmentMaxKb", "10240"));
            assertThat(settings.current()).isEqualTo(before);
            manager.post(
                    "/service/settings", "/service/settings", Map.of("reopenDays", "3", "attachmentMaxKb", "2048"));
            assertThat(settings.current().reopenDays()).isEqualTo(3);
            assertThat(settings.current().attachmentMaxBytes()).isEqualTo(2048 * 1024);
        } finally {
            settings.update(before);
        }
        manager.post(
                "/service/settings/categories",
                "/service/settings",
                Map.of("nameZh", "售后安装 " + token, "nameEn", "Installation " + token));
        TicketCategory added = categories.all().stream()
                .filter(c -> c.nameZh().equals("售后安装 " + token))
                .findFirst()
                .orElseThrow();
        manager.post(
                "/service/settings/categories/" + added.id(),
                "/service/settings",
                Map.of("nameZh", added.nameZh(), "nameEn", added.nameEn()));
        manager.post(
                "/service/settings/canned-replies",
                "/service/settings",
                Map.of("title", "坏的 " + token, "body", "{{order.total}}"));
        manager.post(
                "/service/settings/canned-replies",
                "/service/settings",
                Map.of("title", "好的 " + token, "body", "{{customer.name}}您好"));

        assertThat(categories.find(added.id()).orElseThrow().active()).isFalse();
        assertThat(canned.all())
                .extracting(CannedReply::title)
                .contains("好的 " + token)
                .doesNotContain("坏的 " + token);
        var refused = desk.post(
                "/api/v1/tickets",
                body(Map.of("customerId", customer("off", null, null, null).id(), "categoryId", added.id())));
        assertThat(problemFields(refused)).containsExactly("categoryId");
        assertThat(signedIn(Role.SERVICE).get("/service/settings").statusCode()).isEqualTo(403);
    }

    private List<Long> matches(String condition, Customer... among) {
        return conditions.matchingAmong(
                conditions.parse(JSON.readTree(condition)),
                java.util.Arrays.stream(among).map(Customer::id).toList());
    }

    private JsonNode open(Map<String, Object> fields) {
        var response = desk.post("/api/v1/tickets", body(fields));
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(201);
        return response.body();
    }

    private Map<String, Object> body(Map<String, Object> fields) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("subject", "包裹没到 " + token);
        body.put("body", "三天了还没到 " + token);
        body.putAll(fields);
        return body;
    }

    private ApiClient.Response status(long id, String status) {
        return desk.put("/api/v1/tickets/" + id + "/status", Map.of("status", status));
    }

    private static long customerOf(JsonNode ticket) {
        return ticket.get("customerId").asLong();
    }

    private static List<String> problemFields(ApiClient.Response response) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.body()
                .path("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private long ticketCount() {
        return jdbc.sql("select count(*) from tickets").query(Long.class).single();
    }

    private List<String> eventTypes(long customerId) {
        return jdbc.sql("select type from events where customer_id = ?")
                .param(customerId)
                .query(String.class)
                .list();
    }

    private String digits(int count) {
        long value = Math.abs(System.nanoTime()) % (long) Math.pow(10, count);
        return String.format("%0" + count + "d", value);
    }

    private long user(String name, Role role) {
        return users.create(new UserAccounts.NewUser(name + "-" + token, name, null, PASSWORD, Set.of(role)))
                .id();
    }

    private WebSession signedIn(Role role) {
        String name = role.name().toLowerCase() + "-" + Long.toString(System.nanoTime(), 36);
        agentName = name;
        users.create(new UserAccounts.NewUser(name, name, null, PASSWORD, Set.of(role)));
        WebSession session = new WebSession(port);
        session.signIn(name, PASSWORD);
        return session;
    }

    private Customer customer(String name, Long ownerId, String phone, String email) {
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                name + " " + token,
                phone,
                email,
                null,
                null,
                null,
                null,
                null,
                ownerId,
                null,
                null,
                "test",
                Map.of()));
    }

    /** The desk's reopen days as stored. */
    private record ServiceSettingsReader(JdbcClient jdbc) {
        int reopenDays() {
            return jdbc.sql("select reopen_days from service_settings")
                    .query(Integer.class)
                    .single();
        }
    }
}
