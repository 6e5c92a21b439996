package dev.retain.platform.teams;

import dev.retain.platform.Team;
import dev.retain.platform.Teams;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/teams}: the team tree, its members and managers (admins). */
@RestController
@Tag(name = "Teams")
@PreAuthorize("hasRole('ADMIN')")
class TeamApiController {

    record TeamRequest(String name, Long parentId) {}

    record ManagersRequest(List<Long> userIds) {}

    record PlacementRequest(Long teamId) {}

    private final Teams teams;

    TeamApiController(Teams teams) {
        this.teams = teams;
    }

    @GetMapping("/api/v1/teams")
    List<Team> list() {
        return teams.list();
    }

    @PostMapping("/api/v1/teams")
    @ResponseStatus(HttpStatus.CREATED)
    Team create(@RequestBody TeamRequest request) {
        return teams.create(request.name(), request.parentId());
    }

    @PutMapping("/api/v1/teams/{id}")
    Team update(@PathVariable long id, @RequestBody TeamRequest request) {
        return teams.update(id, request.name(), request.parentId());
    }

    @DeleteMapping("/api/v1/teams/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        teams.delete(id);
    }

    @PutMapping("/api/v1/teams/{id}/managers")
    Team managers(@PathVariable long id, @RequestBody ManagersRequest request) {
        return teams.setManagers(id, request.userIds() == null ? List.of() : request.userIds());
    }

    @PutMapping("/api/v1/users/{id}/team")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void place(@PathVariable long id, @RequestBody PlacementRequest request) {
        teams.placeUser(id, request.teamId());
    }
}
