package dev.retain.platform.calendars;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.SpecialDay;
import dev.retain.platform.WorkingHours;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins list business calendars, edit one's time zone and weekly hours, and keep its yearly special days. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class CalendarPageController {

    private final BusinessCalendars calendars;
    private final CompanyZone companyZone;
    private final Clock clock;

    CalendarPageController(BusinessCalendars calendars, CompanyZone companyZone, Clock clock) {
        this.calendars = calendars;
        this.companyZone = companyZone;
        this.clock = clock;
    }

    @GetMapping("/admin/calendars")
    String list(Model model) {
        model.addAttribute("calendars", calendars.list());
        model.addAttribute("companyZone", companyZone.zone().getId());
        return "platform/calendars";
    }

    /** A new calendar starts with the default calendar's weekly hours and no special days. */
    @PostMapping("/admin/calendars")
    String create(@RequestParam String name, @RequestParam String timeZone, RedirectAttributes redirect) {
        try {
            CalendarInput input = new CalendarInput();
            ZoneId zone = input.zone("timeZone", timeZone);
            input.check();
            BusinessCalendar created =
                    calendars.create(name, zone, calendars.standard().weeklyHours());
            return "redirect:/admin/calendars/" + created.id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.fieldErrors());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errors", Map.of("name", e.getMessage()));
        }
        return "redirect:/admin/calendars";
    }

    @GetMapping("/admin/calendars/{id}")
    String show(@PathVariable long id, @RequestParam(required = false) Integer year, Model model) {
        BusinessCalendar calendar = calendars.find(id);
        int shownYear = year != null
                ? year
                : LocalDate.now(clock.withZone(calendar.zone())).getYear();
        TreeSet<Integer> years = new TreeSet<>();
        calendar.specialDays().forEach(day -> years.add(day.date().getYear()));
        years.add(shownYear);
        years.add(shownYear + 1);
        Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
        calendar.weeklyHours().forEach((day, dayHours) -> hours.put(day, dayHours.format()));
        model.addAttribute("calendar", calendar);
        model.addAttribute("hours", hours);
        model.addAttribute("year", shownYear);
        model.addAttribute("years", years);
        model.addAttribute("specialDays", calendar.specialDaysIn(shownYear));
        model.addAttribute("kinds", SpecialDay.Kind.values());
        return "platform/calendar";
    }

    @PostMapping("/admin/calendars/{id}")
    String update(
            @PathVariable long id,
            @RequestParam String name,
            @RequestParam String timeZone,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        calendars.find(id);
        try {
            CalendarInput input = new CalendarInput();
            ZoneId zone = input.zone("timeZone", timeZone);
            Map<DayOfWeek, String> texts = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                texts.put(day, form.get("hours." + day));
            }
            Map<DayOfWeek, WorkingHours> hours = input.weeklyHoursText("hours", texts);
            input.check();
            calendars.update(id, name, zone, hours);
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.fieldErrors());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errors", Map.of("name", e.getMessage()));
        }
        return "redirect:/admin/calendars/" + id;
    }

    @PostMapping("/admin/calendars/{id}/special-days")
    String addSpecialDay(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam SpecialDay.Kind kind,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String hours,
            RedirectAttributes redirect) {
        calendars.find(id);
        try {
            CalendarInput input = new CalendarInput();
            if (date == null) {
                input.reject("date", "choose a date");
            }
            WorkingHours ownHours = input.hoursText("dayHours", hours);
            if (kind == SpecialDay.Kind.HOLIDAY && !ownHours.isEmpty()) {
                input.reject("dayHours", "a holiday has no working hours");
            }
            input.check();
            calendars.addSpecialDay(id, new SpecialDay(date, kind, name, ownHours));
            return "redirect:/admin/calendars/" + id + "?year=" + date.getYear();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.fieldErrors());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errors", Map.of("date", e.getMessage()));
        }
        return "redirect:/admin/calendars/" + id;
    }

    @PostMapping("/admin/calendars/{id}/special-days/{date}/remove")
    String removeSpecialDay(
            @PathVariable long id, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        try {
            calendars.removeSpecialDay(id, date);
        } catch (NotFoundException e) {
            // removed meanwhile, e.g. in another tab: the page shows the current list either way
        }
        return "redirect:/admin/calendars/" + id + "?year=" + date.getYear();
    }

    @PostMapping("/admin/calendars/{id}/import")
    String importSpecialDays(@PathVariable long id, @RequestParam String csv, RedirectAttributes redirect) {
        calendars.find(id);
        try {
            redirect.addFlashAttribute("imported", calendars.importSpecialDays(id, csv));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.fieldErrors());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errors", Map.of("csv", e.getMessage()));
        }
        return "redirect:/admin/calendars/" + id;
    }
}
