package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /api/v1/calendars} as an admin's script uses it, and its refusals, which change nothing. */
@IntegrationTest
class BusinessCalendarApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    ApiClient admin;

    @BeforeEach
    void anAdmin() {
        admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
    }

    @Test
    void anAdminCreatesACalendarAddsAndRemovesSpecialDaysAndEveryChangeIsAudited() {
        long id = aCalendar();

        var holiday = admin.post(
                "/api/v1/calendars/" + id + "/special-days",
                Map.of("date", "2027-01-01", "kind", "HOLIDAY", "name", "元旦"));
        var makeUp = admin.post(
                "/api/v1/calendars/" + id + "/special-days",
                Map.of(
                        "date",
                        "2027-01-09",
                        "kind",
                        "WORKDAY",
                        "name",
                        "盘点",
                        "hours",
                        List.of(Map.of("start", "09:00", "end", "12:00"))));
        var removed = admin.delete("/api/v1/calendars/" + id + "/special-days/2027-01-01");
        var calendar = admin.get("/api/v1/calendars/" + id + "?year=2027").body();

        assertThat(holiday.status()).isEqualTo(201);
        assertThat(makeUp.status()).isEqualTo(201);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(calendar.get("specialDays")).hasSize(1);
        assertThat(calendar.get("specialDays")
                        .get(0)
                        .get("hours")
                        .get(0)
                        .get("end")
                        .asString())
                .isEqualTo("12:00");
        assertThat(admin.get("/api/v1/audit?entityType=business_calendar_day")
                        .body()
                        .toString())
                .contains(id + "/2027-01-01", id + "/2027-01-09");
        assertThat(admin.get("/api/v1/audit?entityType=business_calendar&entityId=" + id)
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void nextYearsListIsImportedFromACsvAndImportingItAgainAddsNothing() {
        long id = aCalendar();
        String csv = """
                date,kind,name
                2027-02-06,holiday,春节 Spring Festival
                2027-02-07,holiday,春节 Spring Festival
                2027-02-13,workday,春节调休 Spring Festival make-up
                """;

        var first = admin.post("/api/v1/calendars/" + id + "/special-days/import", csv, "text/csv");
        var again = admin.post("/api/v1/calendars/" + id + "/special-days/import", csv, "text/csv");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("added").asInt()).isEqualTo(3);
        assertThat(again.body().get("added").asInt()).isZero();
        assertThat(again.body().get("unchanged").asInt()).isEqualTo(3);
    }

    @Test
    void anUnknownCalendarIsNotFound() {
        assertThat(admin.get("/api/v1/calendars/987654321").status()).isEqualTo(404);
        var put = admin.put("/api/v1/calendars/987654321", aCalendarRequest("x", "09:00", "17:00"));
        assertThat(put.status()).isEqualTo(404);
        assertThat(put.contentType()).startsWith("application/problem+json");
        assertThat(admin.post(
                                "/api/v1/calendars/987654321/special-days",
                                Map.of("date", "2027-01-01", "kind", "HOLIDAY"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void hoursThatOverlapOrEndBeforeTheyStartAreRefusedNamingTheFieldAndNothingChanges() {
        long id = aCalendar();
        var before = admin.get("/api/v1/calendars/" + id).body();

        var backwards = admin.put("/api/v1/calendars/" + id, aCalendarRequest("renamed", "18:00", "09:00"));
        var overlapping = admin.put(
                "/api/v1/calendars/" + id,
                Map.of(
                        "name",
                        "renamed",
                        "timeZone",
                        "Asia/Shanghai",
                        "weeklyHours",
                        Map.of(
                                "TUESDAY",
                                List.of(
                                        Map.of("start", "09:00", "end", "12:00"),
                                        Map.of("start", "11:00", "end", "18:00")))));
        var badZone = admin.put("/api/v1/calendars/" + id, Map.of("name", "renamed", "timeZone", "Mars/Olympus"));

        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().get("errors").get(0).get("field").asString())
                .isEqualTo("weeklyHours.MONDAY[0]");
        assertThat(overlapping.status()).isEqualTo(400);
        assertThat(overlapping.body().get("errors").get(0).get("field").asString())
                .isEqualTo("weeklyHours.TUESDAY");
        assertThat(overlapping.body().get("errors").get(0).get("message").asString())
                .contains("overlaps");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.body().toString()).contains("timeZone");
        assertThat(admin.get("/api/v1/calendars/" + id).body()).isEqualTo(before);
    }

    @Test
    void aDateTwiceIsAConflictAndAnImportClashingWithADayThereAddsNothing() {
        long id = aCalendar();
        var day = Map.of("date", "2027-05-01", "kind", "HOLIDAY", "name", "劳动节");
        admin.post("/api/v1/calendars/" + id + "/special-days", day);
        var before = admin.get("/api/v1/calendars/" + id).body();

        var twice = admin.post(
                "/api/v1/calendars/" + id + "/special-days",
                Map.of("date", "2027-05-01", "kind", "WORKDAY", "name", "调休"));
        var clashing = admin.post(
                "/api/v1/calendars/" + id + "/special-days/import",
                "2027-04-30,holiday,劳动节\n2027-05-01,workday,调休\n",
                "text/csv");
        var malformed = admin.post(
                "/api/v1/calendars/" + id + "/special-days/import",
                "2027-04-30,holiday,x\n2027-13-01,holiday,y\n",
                "text/csv");

        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body().get("detail").asString()).contains("2027-05-01");
        assertThat(clashing.status()).isEqualTo(409);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("errors").get(0).get("field").asString())
                .isEqualTo("line 2");
        assertThat(admin.get("/api/v1/calendars/" + id).body()).isEqualTo(before);
        assertThat(admin.delete("/api/v1/calendars/" + id + "/special-days/2027-06-01")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void onlyAdminsManageCalendars() {
        ApiClient sales = ApiClient.withRoles(port, apiKeys, Role.SALES);

        assertThat(sales.get("/api/v1/calendars").status()).isEqualTo(403);
        assertThat(sales.post("/api/v1/calendars", aCalendarRequest("x", "09:00", "17:00"))
                        .status())
                .isEqualTo(403);
    }

    private long aCalendar() {
        var created = admin.post("/api/v1/calendars", aCalendarRequest("api " + System.nanoTime(), "09:00", "17:00"));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    private static Map<String, Object> aCalendarRequest(String name, String start, String end) {
        return Map.of(
                "name",
                name,
                "timeZone",
                "Asia/Shanghai",
                "weeklyHours",
                Map.of(
                        "MONDAY",
                        List.of(Map.of("start", start, "end", end)),
                        "FRIDAY",
                        List.of(Map.of("start", "09:00", "end", "17:00"))));
    }
}
