package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.UserAccounts.NewUser;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The settings pages where an admin keeps the business calendars. */
@IntegrationTest
class BusinessCalendarPageTests {

    private static final String PASSWORD = "calendar page test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    BusinessCalendars calendars;

    WebSession admin;

    @BeforeEach
    void signInAsAdmin() {
        String username = "calendar-admin-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(username, "Calendar admin", null, PASSWORD, Set.of(Role.ADMIN)));
        admin = new WebSession(port);
        admin.signIn(username, PASSWORD);
    }

    @Test
    void theListShowsTheDefaultCalendarAndItsPageTheNationalDayWeek() {
        long id = calendars.standard().id();

        var list = admin.get("/admin/calendars");
        var page = admin.get("/admin/calendars/" + id + "?year=2026");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("中国大陆 标准工作日", "09:00-12:00, 13:00-18:00");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("2026-10-01", "国庆节 National Day", "2026-10-10");
    }

    @Test
    void anAdminEditsHoursAndAddsAMakeUpDayThroughTheForms() {
        BusinessCalendar calendar = calendars.create(
                "page " + System.nanoTime(),
                ZoneId.of("Asia/Shanghai"),
                BusinessCalendarStorageTests.mondayToFriday("09:00-17:00"));
        String page = "/admin/calendars/" + calendar.id();

        var saved = admin.post(
                page,
                page,
                Map.of(
                        "name",
                        calendar.name(),
                        "timeZone",
                        "Asia/Shanghai",
                        "hours.MONDAY",
                        "08:30-12:00, 13:30-17:30",
                        "hours.SATURDAY",
                        ""));
        var added =
                admin.post(page + "/special-days", page, Map.of("date", "2026-10-10", "kind", "WORKDAY", "name", "调休"));
        var refused = admin.post(
                page,
                page,
                Map.of("name", calendar.name(), "timeZone", "Asia/Shanghai", "hours.MONDAY", "12:00-09:00"));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(added.statusCode()).isEqualTo(302);
        BusinessCalendar edited = calendars.find(calendar.id());
        assertThat(edited.weeklyHours().get(java.time.DayOfWeek.MONDAY).format())
                .isEqualTo("08:30-12:00, 13:30-17:30");
        assertThat(edited.weeklyHours().get(java.time.DayOfWeek.TUESDAY).isEmpty())
                .as("a weekday left empty is a day off")
                .isTrue();
        assertThat(edited.isWorkingDay(java.time.LocalDate.parse("2026-10-10"))).isTrue();
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(admin.get(page).body()).contains("hours.MONDAY", "not after its start");
        assertThat(calendars
                        .find(calendar.id())
                        .weeklyHours()
                        .get(java.time.DayOfWeek.MONDAY)
                        .format())
                .isEqualTo("08:30-12:00, 13:30-17:30");
    }
}
