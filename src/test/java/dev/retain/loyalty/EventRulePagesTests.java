package dev.retain.loyalty;

import static dev.retain.loyalty.StaffSessions.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.loyalty.LoyaltyProgramme.RuleChange;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin adds event rules on the programme's page from a preset and by hand, changes one and removes one, each a new
 * version of the earning rules; a bad rule is refused next to its field, with what was typed kept and nothing written.
 */
@LoyaltyTest
class EventRulePagesTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    LoyaltyProgramme programme;

    @AfterEach
    void tearDown() {
        programme.addRule(new RuleChange(BigDecimal.ONE, Rounding.DOWN, 0, null, null, null, List.of()));
    }

    @Test
    void anAdminAddsChangesAndRemovesEventRules() {
        WebSession admin = StaffSessions.signedIn(users, port, Role.ADMIN);
        programme.addRule(new RuleChange(BigDecimal.ONE, Rounding.DOWN, 0, null, null, null, List.of()));
        String page = admin.get("/admin/loyalty?lang=zh-CN").body();
        assertThat(page).contains("按事件积分", "+ 签到（5 积分）", "+ 完善资料（100 积分）");

        admin.post("/admin/loyalty/event-rules", "/admin/loyalty", form("preset", "SIGN_IN"));
        String review = "review_" + System.nanoTime();
        admin.post(
                "/admin/loyalty/event-rules",
                "/admin/loyalty",
                form("event", review, "label", "晒单评价", "points", "20", "dailyCap", "3"));
        assertThat(programme.currentRule().eventRules())
                .containsExactlyInAnyOrder(
                        new EventRule("login", null, 5, 1, null, null, null),
                        new EventRule(review, "晒单评价", 20, 3, null, null, null));
        int versions = programme.rules().size();

        // a negative cap: refused next to its field, what was typed kept, no version written
        admin.post(
                "/admin/loyalty/event-rules",
                "/admin/loyalty",
                form("event", "share_x", "points", "8", "dailyCap", "-1"));
        page = admin.get("/admin/loyalty?lang=en").body();
        assertThat(page).contains("at most how many events a day earn", "value=\"share_x\"");
        admin.post("/admin/loyalty/event-rules", "/admin/loyalty", form("preset", "CHECK_IN"));
        assertThat(admin.get("/admin/loyalty?lang=en").body()).contains("unknown preset");
        admin.post("/admin/loyalty/event-rules", "/admin/loyalty", form("points", "3"));
        assertThat(admin.get("/admin/loyalty?lang=en").body()).contains("the event name is required");
        assertThat(programme.rules()).hasSize(versions);

        // the edit link fills the form; saving under the same name changes the rule
        assertThat(admin.get("/admin/loyalty?lang=en&editEvent=" + review).body())
                .contains("value=\"" + review + "\"", "value=\"晒单评价\"");
        admin.post(
                "/admin/loyalty/event-rules",
                "/admin/loyalty",
                form("event", review, "label", "晒单评价", "points", "30", "dailyCap", "2"));
        assertThat(programme.currentRule().eventRules())
                .contains(new EventRule(review, "晒单评价", 30, 2, null, null, null));

        admin.post("/admin/loyalty/event-rules/remove", "/admin/loyalty", form("event", "login"));
        assertThat(programme.currentRule().eventRules())
                .extracting(EventRule::event)
                .containsExactly(review);
        assertThat(programme.rules()).hasSize(versions + 2);
        assertThat(admin.get("/admin/loyalty?lang=en").body()).contains("Points for events", review, "+30");
    }
}
