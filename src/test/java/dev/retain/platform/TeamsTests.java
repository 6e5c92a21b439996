package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Teams in a tree: a manager's team reaches down to its sub-teams, a user is in one team at a time, a tree cannot loop,
 * and what would break it is refused saying why, with nothing changed.
 */
@IntegrationTest
class TeamsTests {

    @Autowired
    Teams teams;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys apiKeys;

    @LocalServerPort
    int port;

    @Test
    void aManagerOfATeamManagesItsSubTeamsAndEachUserIsInOneTeam() {
        String token = Long.toString(System.nanoTime(), 36);
        Team sales = teams.create("销售部 " + token, null);
        Team east = teams.create("华东组 " + token, sales.id());
        Team south = teams.create("华南组 " + token, sales.id());
        Team service = teams.create("客服部 " + token, null);
        long boss = user("boss-" + token, Role.MANAGER);
        long seller = user("seller-" + token, Role.SALES);

        teams.setManagers(sales.id(), List.of(boss));
        teams.placeUser(seller, east.id());
        teams.placeUser(seller, south.id());

        assertThat(teams.withSubTeams(sales.id())).containsExactlyInAnyOrder(sales.id(), east.id(), south.id());
        assertThat(teams.managedBy(boss)).containsExactlyInAnyOrder(sales.id(), east.id(), south.id());
        assertThat(teams.of(seller)).map(Team::id).contains(south.id());
        assertThat(teams.find(east.id()).memberIds()).isEmpty();
        assertThat(teams.list().stream().map(Team::name).filter(name -> name.endsWith(token)))
                .containsExactly("客服部 " + token, "销售部 " + token, "华东组 " + token, "华南组 " + token);
        assertThat(teams.find(service.id()).managerIds()).isEmpty();
    }

    @Test
    void whatWouldBreakTheTreeIsRefusedAndNothingChanges() {
        String token = Long.toString(System.nanoTime(), 36);
        Team top = teams.create("总部 " + token, null);
        Team child = teams.create("分部 " + token, top.id());
        long member = user("member-" + token, Role.SALES);
        teams.placeUser(member, child.id());

        assertThatThrownBy(() -> teams.update(top.id(), top.name(), child.id()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("parentId");
        assertThatThrownBy(() -> teams.create("分部 " + token, null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> teams.create("  ", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> teams.delete(top.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> teams.delete(child.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> teams.placeUser(999_999_999L, child.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> teams.setManagers(top.id(), List.of(999_999_999L)))
                .isInstanceOf(NotFoundException.class);

        assertThat(teams.find(top.id()).parentId()).isNull();
        assertThat(teams.withSubTeams(top.id())).containsExactlyInAnyOrder(top.id(), child.id());
        assertThat(teams.find(top.id()).managerIds()).isEmpty();
        teams.placeUser(member, null);
        teams.delete(child.id());
        assertThat(teams.withSubTeams(top.id())).containsExactly(top.id());
    }

    @Test
    void theApiIsForAdminsAndAnswersProblems() {
        String token = Long.toString(System.nanoTime(), 36);
        ApiClient admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);

        var created = admin.post("/api/v1/teams", Map.of("name", "API 部 " + token));
        long id = created.body().get("id").asLong();
        var child = admin.post("/api/v1/teams", Map.of("name", "API 组 " + token, "parentId", id));
        var loop = admin.put(
                "/api/v1/teams/" + id,
                Map.of(
                        "name",
                        "API 部 " + token,
                        "parentId",
                        child.body().get("id").asLong()));
        var twice = admin.post("/api/v1/teams", Map.of("name", "API 部 " + token));
        var unknownParent = admin.post("/api/v1/teams", Map.of("name", "孤儿 " + token, "parentId", 999_999_999));

        assertThat(created.status()).isEqualTo(201);
        assertThat(child.status()).isEqualTo(201);
        assertThat(loop.status()).isEqualTo(400);
        assertThat(loop.contentType()).contains("problem+json");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(unknownParent.status()).isEqualTo(404);
        assertThat(ApiClient.withRoles(port, apiKeys, Role.MANAGER)
                        .get("/api/v1/teams")
                        .status())
                .isEqualTo(403);
    }

    private long user(String username, Role role) {
        return users.create(new UserAccounts.NewUser(username, username, null, "team test password 1", Set.of(role)))
                .id();
    }
}
