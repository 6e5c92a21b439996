package dev.retain.platform.calendars;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.SpecialDay;
import dev.retain.platform.WorkingHours;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the calendar tables; knows SQL, not rules. */
@Repository
class CalendarStore {

    private final JdbcClient jdbc;

    CalendarStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Header(long id, String name, ZoneId zone, boolean standard) {}

    private record DatedPeriod(LocalDate day, WorkingHours.Period period) {}

    List<Long> ids() {
        return jdbc.sql("select id from business_calendars order by is_default desc, name")
                .query(Long.class)
                .list();
    }

    Optional<Long> standardId() {
        return jdbc.sql("select id from business_calendars where is_default")
                .query(Long.class)
                .optional();
    }

    boolean nameTaken(String name, long exceptId) {
        return jdbc.sql("select exists (select 1 from business_calendars where name = ? and id <> ?)")
                .params(name, exceptId)
                .query(Boolean.class)
                .single();
    }

    /** Locks the calendar's row until the transaction ends, so two edits of one calendar run one after the other. */
    boolean lock(long id) {
        return jdbc.sql("select id from business_calendars where id = ? for update")
                .param(id)
                .query(Long.class)
                .optional()
                .isPresent();
    }

    Optional<BusinessCalendar> load(long id) {
        Optional<Header> header = jdbc.sql(
                        "select id, name, time_zone, is_default from business_calendars where id = ?")
                .param(id)
                .query((rs, row) ->
                        new Header(rs.getLong(1), rs.getString(2), ZoneId.of(rs.getString(3)), rs.getBoolean(4)))
                .optional();
        return header.map(this::load);
    }

    private BusinessCalendar load(Header header) {
        Map<DayOfWeek, List<WorkingHours.Period>> weekly = new EnumMap<>(DayOfWeek.class);
        jdbc.sql("select day_of_week, starts_at, ends_at from business_calendar_hours where calendar_id = ?")
                .param(header.id())
                .query(rs -> {
                    weekly.computeIfAbsent(DayOfWeek.of(rs.getInt(1)), day -> new ArrayList<>())
                            .add(period(rs, 2));
                });
        Map<LocalDate, List<WorkingHours.Period>> ownHours = new HashMap<>();
        jdbc.sql("select day, starts_at, ends_at from business_calendar_special_day_hours where calendar_id = ?")
                .param(header.id())
                .query((rs, row) -> new DatedPeriod(rs.getDate(1).toLocalDate(), period(rs, 2)))
                .list()
                .forEach(dated -> ownHours.computeIfAbsent(dated.day(), day -> new ArrayList<>())
                        .add(dated.period()));
        List<SpecialDay> specialDays = jdbc.sql(
                        "select day, kind, name from business_calendar_special_days where calendar_id = ? order by day")
                .param(header.id())
                .query((rs, row) -> {
                    LocalDate day = rs.getDate(1).toLocalDate();
                    return new SpecialDay(
                            day,
                            SpecialDay.Kind.ofCode(rs.getString(2)),
                            rs.getString(3),
                            new WorkingHours(ownHours.getOrDefault(day, List.of())));
                })
                .list();
        Map<DayOfWeek, WorkingHours> weeklyHours = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, periods) -> weeklyHours.put(day, new WorkingHours(periods)));
        return new BusinessCalendar(
                header.id(), header.name(), header.zone(), header.standard(), weeklyHours, specialDays);
    }

    /** The new calendar's id, or empty when {@code standard} is asked and a default calendar already exists. */
    Optional<Long> insert(String name, ZoneId zone, boolean standard) {
        return jdbc.sql("""
                        insert into business_calendars (name, time_zone, is_default) values (?, ?, ?)
                        on conflict do nothing returning id""")
                .params(name, zone.getId(), standard)
                .query(Long.class)
                .optional();
    }

    void updateHeader(long id, String name, ZoneId zone) {
        jdbc.sql("update business_calendars set name = ?, time_zone = ?, updated_at = now() where id = ?")
                .params(name, zone.getId(), id)
                .update();
    }

    void replaceWeeklyHours(long id, Map<DayOfWeek, WorkingHours> weeklyHours) {
        jdbc.sql("delete from business_calendar_hours where calendar_id = ?")
                .param(id)
                .update();
        weeklyHours.forEach((day, hours) -> hours.periods()
                .forEach(period -> jdbc.sql("""
                                insert into business_calendar_hours (calendar_id, day_of_week, starts_at, ends_at)
                                values (?, ?, ?, ?)""")
                        .params(id, day.getValue(), Time.valueOf(period.start()), Time.valueOf(period.end()))
                        .update()));
    }

    void insertSpecialDay(long id, SpecialDay day) {
        jdbc.sql("insert into business_calendar_special_days (calendar_id, day, kind, name) values (?, ?, ?, ?)")
                .params(id, Date.valueOf(day.date()), day.kind().code(), day.name())
                .update();
        for (WorkingHours.Period period : day.hours().periods()) {
            jdbc.sql("""
                            insert into business_calendar_special_day_hours (calendar_id, day, starts_at, ends_at)
                            values (?, ?, ?, ?)""")
                    .params(id, Date.valueOf(day.date()), Time.valueOf(period.start()), Time.valueOf(period.end()))
                    .update();
        }
    }

    void deleteSpecialDay(long id, LocalDate date) {
        jdbc.sql("delete from business_calendar_special_days where calendar_id = ? and day = ?")
                .params(id, Date.valueOf(date))
                .update();
    }

    void touch(long id) {
        jdbc.sql("update business_calendars set updated_at = now() where id = ?")
                .param(id)
                .update();
    }

    private static WorkingHours.Period period(ResultSet rs, int column) throws SQLException {
        return new WorkingHours.Period(
                rs.getTime(column).toLocalTime(), rs.getTime(column + 1).toLocalTime());
    }
}
