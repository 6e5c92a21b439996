package dev.retain.loyalty;

import static dev.retain.loyalty.StaffSessions.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin adds a points campaign on the programme's page and ends it early; a window ending before it starts is
 * refused next to its field with nothing written.
 */
@LoyaltyTest
class CampaignPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    LoyaltyCampaigns campaigns;

    @Test
    void anAdminAddsACampaignAndEndsItEarly() {
        WebSession admin = StaffSessions.signedIn(users, port, Role.ADMIN);
        String name = "双十一 " + System.nanoTime();
        int before = campaigns.list().size();

        admin.post(
                "/admin/loyalty/campaigns",
                "/admin/loyalty",
                form(
                        "name",
                        name,
                        "startsAt",
                        "2031-11-11T20:00",
                        "endsAt",
                        "2031-11-10T00:00",
                        "multiplier",
                        "2",
                        "budget",
                        "5000"));
        assertThat(admin.get("/admin/loyalty?lang=en").body()).contains("the window must end after it starts");
        assertThat(campaigns.list()).hasSize(before);

        var added = admin.post(
                "/admin/loyalty/campaigns",
                "/admin/loyalty",
                form(
                        "name",
                        name,
                        "startsAt",
                        "2031-11-10T20:00",
                        "endsAt",
                        "2031-11-12T00:00",
                        "multiplier",
                        "2",
                        "budget",
                        "5000",
                        "memberLimit",
                        "300"));
        assertThat(added.statusCode()).isEqualTo(302);
        String page = admin.get("/admin/loyalty?lang=en").body();
        assertThat(page).contains(name, "×2", "0 / 5000", "End now");
        Campaign campaign = campaigns.list().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(campaign.memberLimit()).isEqualTo(300);

        admin.post("/admin/loyalty/campaigns/" + campaign.id() + "/end", "/admin/loyalty", form());
        assertThat(campaigns.get(campaign.id()).endsAt()).isBefore(campaign.endsAt());
        assertThat(admin.get("/admin/loyalty?lang=en").body()).contains("Campaign ended");
    }
}
