package dev.retain.customers.web;

import dev.retain.customers.CustomFields;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerMerges;
import dev.retain.customers.CustomerQuery;
import dev.retain.customers.Customers;
import dev.retain.customers.LifecycleStage;
import dev.retain.customers.ProfileSection;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
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

/** The customer list, the customer page, and the forms to create and edit a customer. */
@Controller
class CustomerPageController {

    private static final int PAGE_SIZE = 25;

    private final Customers customers;
    private final CustomFields customFields;
    private final UserAccounts users;
    private final List<ProfileSection> sections;
    private final CustomerMerges merges;

    CustomerPageController(
            Customers customers,
            CustomFields customFields,
            UserAccounts users,
            List<ProfileSection> sections,
            CustomerMerges merges) {
        this.customers = customers;
        this.customFields = customFields;
        this.users = users;
        this.merges = merges;
        this.sections = sections.stream()
                .sorted(Comparator.comparingInt(ProfileSection::order))
                .toList();
    }

    /** A section of the customer page, rendered from another module's fragment. */
    record RenderedSection(String fragment, Map<String, Object> data) {}

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
    String show(@PathVariable long id, Model model) {
        Customer customer = customers.find(id);
        model.addAttribute("customer", customer);
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
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
        }
        return "customers/show";
    }

    @GetMapping("/customers/new")
    @PreAuthorize(CustomerAccess.EDIT)
    String createForm(Model model) {
        return form(model, new CustomerForm(), null, Map.of());
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
            return show(id, model);
        }
    }

    @PostMapping("/customers/{id}/delete")
    @PreAuthorize(CustomerAccess.DELETE)
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        customers.delete(id);
        redirect.addFlashAttribute("message", "customers.deleted");
        return "redirect:/customers";
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
