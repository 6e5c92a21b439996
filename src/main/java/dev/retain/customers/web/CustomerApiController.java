package dev.retain.customers.web;

import dev.retain.customers.Contact;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerQuery;
import dev.retain.customers.CustomerStatus;
import dev.retain.customers.Customers;
import dev.retain.customers.Identity;
import dev.retain.customers.LifecycleStage;
import dev.retain.customers.SubjectRequests;
import dev.retain.platform.PageOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/** {@code /api/v1/customers}: list, read, create, replace and delete customers. */
@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers")
class CustomerApiController {

    private final Customers customers;
    private final SubjectRequests subjectRequests;
    private final SubjectExportDownload personalData;

    CustomerApiController(Customers customers, SubjectRequests subjectRequests, SubjectExportDownload personalData) {
        this.customers = customers;
        this.subjectRequests = subjectRequests;
        this.personalData = personalData;
    }

    /** The body of a create or replace; phone and email are cleaned (E.164, lower case) by the server. */
    record CustomerRequest(
            @NotNull CustomerKind kind,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 50) String phone,
            @Size(max = 254) String email,

            @Pattern(regexp = "[FM]", message = "must be F or M")
            String gender,

            @Past LocalDate birthday,
            @Size(max = 100) String city,
            @Size(max = 100) String region,
            @Size(max = 100) String industry,
            Long ownerId,
            CustomerStatus status,
            LifecycleStage lifecycleStage,
            @Size(max = 100) String source,
            Map<String, Object> customFields) {

        CustomerDraft toDraft() {
            return new CustomerDraft(
                    kind,
                    name,
                    phone,
                    email,
                    gender,
                    birthday,
                    city,
                    region,
                    industry,
                    ownerId,
                    status,
                    lifecycleStage,
                    source,
                    customFields);
        }
    }

    /** A customer with its identities and contacts. */
    record CustomerDetail(Customer customer, List<Identity> identities, List<Contact> contacts) {}

    @GetMapping
    @Operation(summary = "Search customers by name, phone or email, with filters and paging")
    PageOf<Customer> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) CustomerKind kind,
            @RequestParam(required = false) LifecycleStage stage,
            @RequestParam(required = false) Long ownerId,
            @RequestParam(required = false) String city,
            @RequestParam(defaultValue = "CREATED") CustomerQuery.Sort sort,
            @RequestParam(defaultValue = "true") boolean desc,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return customers.search(new CustomerQuery(q, kind, stage, ownerId, city, sort, desc), page, size);
    }

    @GetMapping("/{id}")
    CustomerDetail get(@PathVariable long id) {
        return new CustomerDetail(customers.find(id), customers.identitiesOf(id), customers.contactsOf(id));
    }

    /** Shows the customer's phone, email and their identities in full to someone who sees them masked; audited. */
    @PostMapping("/{id}/reveal")
    @Operation(summary = "Reveal the customer's masked phone and email (recorded in the audit log)")
    Customers.Revealed reveal(@PathVariable long id) {
        return customers.reveal(id);
    }

    @PostMapping
    @PreAuthorize(CustomerAccess.EDIT)
    ResponseEntity<Customer> create(@Valid @RequestBody CustomerRequest request) {
        Customer created = customers.create(request.toDraft());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}")
    @PreAuthorize(CustomerAccess.EDIT)
    Customer replace(@PathVariable long id, @Valid @RequestBody CustomerRequest request) {
        return customers.update(id, request.toDraft());
    }

    /**
     * Erases the customer, and the customers merged into them, from every module; orders and coupons stay for the
     * accounts without the person, the audit log's snapshots of them are redacted, the reason is audited.
     */
    @DeleteMapping("/{id}")
    @PreAuthorize(CustomerAccess.DELETE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id, @RequestParam(required = false) @Size(max = 500) String reason) {
        subjectRequests.erase(id, reason);
    }

    /** Everything held on the customer, from every module, as JSON or XLSX: a person's access request. */
    @GetMapping("/{id}/personal-data")
    @PreAuthorize(CustomerAccess.DELETE)
    void personalData(
            @PathVariable long id, @RequestParam(defaultValue = "json") String format, HttpServletResponse response)
            throws IOException {
        personalData.send(id, format, response);
    }
}
