package dev.retain.platform.calendars;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.BusinessCalendars.ImportResult;
import dev.retain.platform.SpecialDay;
import dev.retain.platform.WorkingHours;
import dev.retain.platform.calendars.CalendarInput.PeriodText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/calendars}: business calendars, their weekly hours and special days (admins only). */
@RestController
@RequestMapping("/api/v1/calendars")
@PreAuthorize("hasRole('ADMIN')")
class CalendarApiController {

    private final BusinessCalendars calendars;

    CalendarApiController(BusinessCalendars calendars) {
        this.calendars = calendars;
    }

    record CalendarView(
            long id,
            String name,
            String timeZone,
            boolean isDefault,
            Map<DayOfWeek, List<PeriodText>> weeklyHours,
            List<SpecialDayView> specialDays) {

        static CalendarView of(BusinessCalendar calendar, List<SpecialDay> specialDays) {
            Map<DayOfWeek, List<PeriodText>> weekly = new EnumMap<>(DayOfWeek.class);
            calendar.weeklyHours().forEach((day, hours) -> weekly.put(day, periods(hours)));
            return new CalendarView(
                    calendar.id(),
                    calendar.name(),
                    calendar.zone().getId(),
                    calendar.isStandard(),
                    weekly,
                    specialDays.stream().map(SpecialDayView::of).toList());
        }
    }

    record SpecialDayView(LocalDate date, SpecialDay.Kind kind, String name, List<PeriodText> hours) {

        static SpecialDayView of(SpecialDay day) {
            return new SpecialDayView(day.date(), day.kind(), day.name(), periods(day.hours()));
        }
    }

    record CalendarRequest(String name, String timeZone, Map<DayOfWeek, List<PeriodText>> weeklyHours) {}

    record SpecialDayRequest(
            @NotNull LocalDate date, @NotNull SpecialDay.Kind kind, String name, List<PeriodText> hours) {}

    @GetMapping
    List<CalendarView> list() {
        return calendars.list().stream()
                .map(calendar -> CalendarView.of(calendar, calendar.specialDays()))
                .toList();
    }

    /** One calendar; with {@code year}, only that year's special days. */
    @GetMapping("/{id}")
    CalendarView get(@PathVariable long id, @RequestParam(required = false) Integer year) {
        BusinessCalendar calendar = calendars.find(id);
        return CalendarView.of(calendar, year == null ? calendar.specialDays() : calendar.specialDaysIn(year));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CalendarView create(@RequestBody CalendarRequest request) {
        CalendarInput input = new CalendarInput();
        ZoneId zone = input.zone("timeZone", request.timeZone());
        Map<DayOfWeek, WorkingHours> hours = input.weeklyHours("weeklyHours", request.weeklyHours());
        input.check();
        BusinessCalendar created = calendars.create(request.name(), zone, hours);
        return CalendarView.of(created, created.specialDays());
    }

    @PutMapping("/{id}")
    CalendarView update(@PathVariable long id, @RequestBody CalendarRequest request) {
        calendars.find(id);
        CalendarInput input = new CalendarInput();
        ZoneId zone = input.zone("timeZone", request.timeZone());
        Map<DayOfWeek, WorkingHours> hours = input.weeklyHours("weeklyHours", request.weeklyHours());
        input.check();
        BusinessCalendar updated = calendars.update(id, request.name(), zone, hours);
        return CalendarView.of(updated, updated.specialDays());
    }

    @PostMapping("/{id}/special-days")
    @ResponseStatus(HttpStatus.CREATED)
    SpecialDayView addSpecialDay(@PathVariable long id, @Valid @RequestBody SpecialDayRequest request) {
        calendars.find(id);
        CalendarInput input = new CalendarInput();
        WorkingHours hours = input.hours("hours", request.hours());
        if (request.kind() == SpecialDay.Kind.HOLIDAY && !hours.isEmpty()) {
            input.reject("hours", "a holiday has no working hours");
        }
        input.check();
        SpecialDay day = new SpecialDay(request.date(), request.kind(), request.name(), hours);
        calendars.addSpecialDay(id, day);
        return SpecialDayView.of(day);
    }

    @DeleteMapping("/{id}/special-days/{date}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeSpecialDay(
            @PathVariable long id, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        calendars.removeSpecialDay(id, date);
    }

    /** Adds the rows of a CSV ({@code date,kind,name}, as the shipped list) sent as the request body. */
    @PostMapping(
            path = "/{id}/special-days/import",
            consumes = {"text/csv", "text/plain"})
    ImportResult importSpecialDays(@PathVariable long id, @RequestBody String csv) {
        return calendars.importSpecialDays(id, csv);
    }

    private static List<PeriodText> periods(WorkingHours hours) {
        return hours.periods().stream().map(PeriodText::of).toList();
    }
}
