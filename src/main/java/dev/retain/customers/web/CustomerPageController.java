package dev.retain.customers.web;

import dev.retain.customers.CustomFields;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerMerges;
import dev.retain.customers.CustomerNotes;
import dev.retain.customers.CustomerQuery;
import dev.retain.customers.CustomerTimeline;
import dev.retain.customers.Customers;
import dev.retain.customers.LifecycleStage;
import dev.retain.customers.ProfileAction;
import dev.retain.customers.ProfileSection;
import dev.retain.customers.SubjectRequests;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer list, the customer page (the 360 view: profile, the other modules' sections and quick actions, the
 * timeline), notes, and the forms to create and edit a customer.
 */
@Controller
class CustomerPageController {

    private static final int PAGE_SIZE = 25;
    private static final int TIMELINE_PAGE = 50;

    private final Customers customers;
    private final CustomFields customFields;
    private final UserAccounts users;
    private final List<ProfileSection> sections;
    private final List<ProfileAction> actions;
    private final CustomerMerges merges;
    private final CustomerNotes notes;
    private final CustomerTimeline timeline;
    private final TimelineView timelineView;

    private final SubjectRequests subjectRequests;
    private final SubjectExportDownload personalData;

    CustomerPageController(
            Customers customers,
            CustomFields customFields,
            UserAccounts users,
            List<ProfileSection> sections,
            List<ProfileAction> actions,
            CustomerMerges merges,
            CustomerNotes notes,
            CustomerTimeline timeline,
            TimelineView timelineView,
            SubjectRequests subjectRequests,
            SubjectExportDownload personalData) {
        this.customers = customers;
        this.subjectRequests = subjectRequests;
        this.personalData = personalData;
        this.customFields = customFields;
        this.users = users;
        this.merges = merges;
        this.notes = notes;
        this.timeline = timeline;
        this.timelineView = timelineView;
        this.sections = sections.stream()
                .sorted(Comparator.comparingInt(ProfileSection::order))
                .toList();
        this.actions = actions.stream()
                .sorted(Comparator.comparingInt(ProfileAction::order))
                .toList();
    }

    /** A section of the customer page, rendered from another module's fragment. */
    record RenderedSection(String fragment, Map<String, Object> data) {}

    /** A quick action at the top of the customer page, rendered from its module's fragment. */
    record RenderedAction(String id, String fragment, Map<String, Object> data) {}

    @GetMapping("/customers")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) CustomerKind kind,
            @RequestParam(required = false) LifecycleStage stage,
            @RequestParam(required = false) Long owner,
            @RequestParam(required = false) String city,
            @RequestParam(defaultValue = "CREATED") CustomerQuery.Sort sort,
            @RequestParam(defaultValue = "true") boolean desc,
            @RequestParam(defaultValue = "0") int page,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        var query = new CustomerQuery(q, kind, stage, owner, city, sort, desc);
        var result = customers.search(query, page, PAGE_SIZE);
        model.addAttribute("query", query);
        model.addAttribute("result", result);
        model.addAttribute("ownerNames", ownerNames(result.items()));
        model.addAttribute("owners", possibleOwners());
        model.addAttribute("cities", customers.cities());
        model.addAttribute("kinds", CustomerKind.values());
        model.addAttribute("stages", LifecycleStage.values());
        return htmx != null ? "customers/list :: results" : "customers/list";
    }

    @GetMapping("/customers/{id}")
    String show(@PathVariable long id, @RequestParam(name = "timeline", required = false) String kind, Model model) {
        Customer customer = customers.find(id);
        model.addAttribute("customer", customer);
        model.addAttribute("masked", !customers.maskedForViewer().isEmpty());
        model.addAttribute("identities", customers.identitiesOf(id));
        model.addAttribute("contacts", customers.contactsOf(id));
        model.addAttribute("definitions", customFields.definitions());
        model.addAttribute("merges", merges.mergesInto(id));
        model.addAttribute(
                "ownerName",
                customer.ownerId() == null
                        ? null
                        : ownerNames(List.of(customer)).get(customer.ownerId()));
        model.addAttribute(
                "sections",
                sections.stream()
                        .map(section -> new RenderedSection(section.fragment(), section.data(id)))
                        .toList());
        if (customer.mergedInto() == null) {
            model.addAttribute(
                    "actions",
                    actions.stream()
                            .map(action -> new RenderedAction(action.id(), action.fragment(), action.data(id)))
                            .toList());
        }
        addTimeline(model, id, null, kind);
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
        }
        return "customers/show";
    }

    /** The customer page with its masked phone and email shown in full, once; the audit log records who looked. */
    @PostMapping("/customers/{id}/reveal")
    String reveal(@PathVariable long id, Model model) {
        model.addAttribute("revealed", customers.reveal(id));
        return show(id, null, model);
    }

    /** The timeline card alone, for a filter chosen on the page. */
    @GetMapping("/customers/{id}/timeline")
    String timeline(@PathVariable long id, @RequestParam(required = false) String kind, Model model) {
        addTimeline(model, id, null, kind);
        return "customers/timeline :: card";
    }

    /** The timeline's next entries after the cursor, for "load more". */
    @GetMapping("/customers/{id}/timeline/more")
    String moreTimeline(
            @PathVariable long id,
            @RequestParam Instant before,
            @RequestParam(required = false) String kind,
            Model model) {
        addTimeline(model, id, before, kind);
        return "customers/timeline :: entries";
    }

    @PostMapping("/customers/{id}/notes")
    @PreAuthorize(CustomerAccess.EDIT)
    String addNote(@PathVariable long id, @RequestParam(defaultValue = "") String body, RedirectAttributes redirect) {
        try {
            notes.add(id, body);
            redirect.addFlashAttribute("message", "notes.saved");
        } catch (InvalidInputException e) {
            quickActionFailed(
                    redirect, "note", String.join("; ", e.fieldErrors().values()));
            redirect.addFlashAttribute("noteBody", body);
        } catch (ConflictException e) {
            quickActionFailed(redirect, "note", e.getMessage());
            redirect.addFlashAttribute("noteBody", body);
        }
        return "redirect:/customers/" + id;
    }

    private static void quickActionFailed(RedirectAttributes redirect, String action, String error) {
        redirect.addFlashAttribute("quickAction", action);
        redirect.addFlashAttribute("quickActionError", error);
    }

    private void addTimeline(Model model, long customerId, Instant before, String kind) {
        String shown = kind == null || !timeline.kinds().contains(kind) ? null : kind;
        model.addAttribute("customerId", customerId);
        model.addAttribute("timelineKinds", timeline.kinds());
        model.addAttribute("timelineKind", shown);
        model.addAttribute("timelineBefore", before);
        model.addAttribute(
                "timeline",
                timelineView.of(
                        timeline.of(customerId, before, TIMELINE_PAGE, shown == null ? List.of() : List.of(shown)),
                        LocaleContextHolder.getLocale()));
    }

    @GetMapping("/customers/new")
    @PreAuthorize(CustomerAccess.EDIT)
    String createForm(Model model, Principal principal) {
        var form = new CustomerForm();
        // a customer someone adds is theirs unless a manager or an admin chooses another owner
        users.findByUsername(principal.getName()).ifPresent(user -> form.setOwnerId(user.id()));
        return form(model, form, null, Map.of());
    }

    @PostMapping("/customers")
    @PreAuthorize(CustomerAccess.EDIT)
    String create(@ModelAttribute("form") CustomerForm form, Model model, RedirectAttributes redirect) {
        try {
            Customer created = customers.create(form.toDraft());
            redirect.addFlashAttribute("message", "customers.saved");
            return "redirect:/customers/" + created.id();
        } catch (InvalidInputException e) {
            return form(model, form, null, e.fieldErrors());
        } catch (ConflictException e) {
            return form(model, form, null, Map.of("form", e.getMessage()));
        } catch (AccessDeniedException e) {
            return form(model, form, null, Map.of("ownerId", e.getMessage()));
        }
    }

    @GetMapping("/customers/{id}/edit")
    @PreAuthorize(CustomerAccess.EDIT)
    String editForm(@PathVariable long id, Model model) {
        return form(model, CustomerForm.of(customers.find(id)), id, Map.of());
    }

    @PostMapping("/customers/{id}")
    @PreAuthorize(CustomerAccess.EDIT)
    String update(
            @PathVariable long id,
            @ModelAttribute("form") CustomerForm form,
            Model model,
            RedirectAttributes redirect) {
        try {
            customers.update(id, form.toDraft());
            redirect.addFlashAttribute("message", "customers.saved");
            return "redirect:/customers/" + id;
        } catch (InvalidInputException e) {
            return form(model, form, id, e.fieldErrors());
        } catch (ConflictException e) {
            return form(model, form, id, Map.of("form", e.getMessage()));
        } catch (AccessDeniedException e) {
            return form(model, form, id, Map.of("ownerId", e.getMessage()));
        }
    }

    @PostMapping("/customers/{id}/custom-fields")
    @PreAuthorize(CustomerAccess.EDIT)
    String updateCustomFields(
            @PathVariable long id, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> values = params.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("cf."))
                .collect(Collectors.toMap(entry -> entry.getKey().substring(3), Map.Entry::getValue));
        try {
            customers.updateCustomFields(id, values);
            redirect.addFlashAttribute("message", "customers.saved");
            return "redirect:/customers/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("fieldErrors", e.fieldErrors());
            return show(id, null, model);
        }
    }

    @PostMapping("/customers/{id}/delete")
    @PreAuthorize(CustomerAccess.DELETE)
    String delete(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        subjectRequests.erase(id, reason == null ? null : reason.substring(0, Math.min(reason.length(), 500)));
        redirect.addFlashAttribute("message", "customers.deleted");
        return "redirect:/customers";
    }

    @GetMapping("/customers/{id}/personal-data")
    @PreAuthorize(CustomerAccess.DELETE)
    void personalData(
            @PathVariable long id, @RequestParam(defaultValue = "xlsx") String format, HttpServletResponse response)
            throws IOException {
        personalData.send(id, format, response);
    }

    private String form(Model model, CustomerForm form, Long id, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("customerId", id);
        model.addAttribute("errors", errors);
        model.addAttribute("owners", possibleOwners());
        model.addAttribute("kinds", CustomerKind.values());
        model.addAttribute("stages", LifecycleStage.values());
        return "customers/form";
    }

    private List<UserAccount> possibleOwners() {
        return users.withAnyRole(EnumSet.of(Role.SALES, Role.MANAGER, Role.SERVICE));
    }

    private Map<Long, String> ownerNames(List<Customer> shown) {
        return users.displayNames(
                shown.stream().map(Customer::ownerId).filter(Objects::nonNull).collect(Collectors.toSet()));
    }
}
