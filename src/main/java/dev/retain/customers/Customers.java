package dev.retain.customers;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.DataScopes;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import dev.retain.platform.Replayable;
import dev.retain.platform.UserAccounts;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finding, creating, changing and deleting customers; every change is checked, cleaned and audited. */
@Service
public class Customers {

    private final CustomerTable table;
    private final CustomerSearch search;
    private final CustomerBulkLoad bulkLoad;
    private final CustomerErasure erasure;
    private final CustomFields customFields;
    private final UserAccounts users;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final String defaultRegion;
    private final ContactMasking masking;

    Customers(
            CustomerTable table,
            ContactMasking masking,
            CustomerSearch search,
            CustomerBulkLoad bulkLoad,
            CustomerErasure erasure,
            CustomFields customFields,
            UserAccounts users,
            DataScopes scopes,
            AuditLog audit,
            JdbcClient jdbc,
            Clock clock,
            ApplicationEventPublisher events,
            @Value("${retain.default-region}") String defaultRegion) {
        this.table = table;
        this.masking = masking;
        this.search = search;
        this.bulkLoad = bulkLoad;
        this.erasure = erasure;
        this.customFields = customFields;
        this.users = users;
        this.scopes = scopes;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.defaultRegion = defaultRegion;
    }

    public Customer find(long id) {
        return table.find(id).orElseThrow(() -> new NotFoundException("Customer", id));
    }

    /** The customers with these ids, as the person asking may see them (masked, hidden fields left out). */
    public Map<Long, Customer> findAll(java.util.Collection<Long> ids) {
        return table.findAll(ids);
    }

    /** A customer's phone and email as shown to someone. */
    public record PhoneAndEmail(String phone, String email) {}

    /**
     * The phone and email of these customers, decrypted and masked for those who see them masked, in one query; what a
     * pool hides on its waiting customers is the caller's to leave out (lists of a pool know its rules).
     */
    public Map<Long, PhoneAndEmail> phonesAndEmails(java.util.Collection<Long> ids) {
        Set<SensitiveField> masked = masking.maskedForViewer();
        var shown = new java.util.HashMap<Long, PhoneAndEmail>();
        table.phonesAndEmails(ids)
                .forEach((id, stored) -> shown.put(
                        id,
                        new PhoneAndEmail(
                                masked.contains(SensitiveField.PHONE)
                                        ? ContactMasking.mask(SensitiveField.PHONE, stored.phone())
                                        : stored.phone(),
                                masked.contains(SensitiveField.EMAIL)
                                        ? ContactMasking.mask(SensitiveField.EMAIL, stored.email())
                                        : stored.email())));
        return shown;
    }

    /**
     * The customer with its real phone and email, whoever asks: for sending a message to it. Never show what this
     * returns; pages and the API show {@link #find}.
     */
    public Customer findToContact(long id) {
        return table.findStored(id).orElseThrow(() -> new NotFoundException("Customer", id));
    }

    /**
     * Shows the customer's sensitive fields in full to the person asking, and records in the audit log that they
     * looked (never the values). Fields its pool hides while it waits stay hidden.
     */
    @Transactional
    public Revealed reveal(long id) {
        Customer shown = find(id);
        Customer stored = findToContact(id);
        Set<String> hidden = table.hiddenOf(id);
        var revealed = new Revealed(
                hidden.contains("phone") ? null : stored.phone(),
                hidden.contains("email") ? null : stored.email(),
                table.identitiesOf(id).stream()
                        .filter(identity -> !hidden.contains(identity.kind()))
                        .toList(),
                contactsOf(id, Set.of()));
        var fields = new java.util.ArrayList<String>();
        if (revealed.phone() != null) {
            fields.add("phone");
        }
        if (revealed.email() != null) {
            fields.add("email");
        }
        audit.record("reveal", "customer", shown.id(), null, Map.of("fields", fields));
        return revealed;
    }

    /** The sensitive fields the person asking sees masked (and may reveal, audited). */
    public Set<SensitiveField> maskedForViewer() {
        return masking.maskedForViewer();
    }

    /** A customer's sensitive fields in full, as revealed to someone who sees them masked. */
    public record Revealed(String phone, String email, List<Identity> identities, List<Contact> contacts) {}

    /** One connection for the count and the page: a scoped viewer's connection is set up and reset once. */
    @Transactional(readOnly = true)
    public PageOf<Customer> search(CustomerQuery query, int page, int size) {
        return search.search(query, Math.max(page, 0), Math.min(Math.max(size, 1), 500));
    }

    /**
     * The customer an identity belongs to ({@code ("phone", "+8613812345678")}, {@code ("erp", "C-1001")}): found by
     * the blind index where the field is encrypted.
     */
    public Optional<Long> idOf(Identity identity) {
        return table.ownerOfIdentity(identity);
    }

    /** The cities customers live in, most common first (for filters). */
    public List<String> cities() {
        return search.cities();
    }

    public long count() {
        return jdbc.sql("select count(*) from customers where merged_into is null")
                .query(Long.class)
                .single();
    }

    /**
     * The customer's identities, less those its pool hides while it waits (see {@link ViewerScope#masksWaiting}),
     * sensitive ones masked for those who see them masked.
     */
    public List<Identity> identitiesOf(long id) {
        Set<String> hidden = table.hiddenOf(id);
        Set<SensitiveField> masked = masking.maskedForViewer();
        return table.identitiesOf(id).stream()
                .filter(identity -> !hidden.contains(identity.kind()))
                .map(identity -> masked.stream()
                        .filter(field -> field.column().equals(identity.kind()))
                        .findFirst()
                        .map(field -> new Identity(identity.kind(), ContactMasking.mask(field, identity.value())))
                        .orElse(identity))
                .toList();
    }

    /**
     * The customer's contact people, their phone and email left out as its pool hides them while it waits, masked
     * for those who see them masked.
     */
    public List<Contact> contactsOf(long id) {
        return contactsOf(id, masking.maskedForViewer());
    }

    private List<Contact> contactsOf(long id, Set<SensitiveField> masked) {
        Set<String> hidden = table.hiddenOf(id);
        return table.contactsOf(id).stream()
                .map(c -> new Contact(
                        c.id(),
                        c.customerId(),
                        c.name(),
                        c.title(),
                        hidden.contains("phone")
                                ? null
                                : masked.contains(SensitiveField.PHONE)
                                        ? ContactMasking.mask(SensitiveField.PHONE, c.phone())
                                        : c.phone(),
                        hidden.contains("email")
                                ? null
                                : masked.contains(SensitiveField.EMAIL)
                                        ? ContactMasking.mask(SensitiveField.EMAIL, c.email())
                                        : c.email()))
                .toList();
    }

    @Transactional
    public Customer create(CustomerDraft draft) {
        Instant now = clock.instant();
        Customer checked = check(draft, null);
        scopes.checkOwnerChange(null, checked.ownerId(), true);
        requireIdentitiesFree(checked, null);
        long id = table.insert(checked, now);
        table.replaceContactIdentities(id, checked.phone(), checked.email(), now);
        Customer created = find(id);
        audit.record("create", "customer", id, null, forAudit(findToContact(id)));
        events.publishEvent(CustomersChanged.of(List.of(id)));
        return created;
    }

    @Transactional
    public Customer update(long id, CustomerDraft draft) {
        find(id);
        Customer before = findToContact(id);
        if (!table.hiddenOf(id).isEmpty()) {
            // what the pool hides is not shown to them, so saving their form would erase it
            throw new AccessDeniedException("Claim customer " + id + " from its pool before changing it");
        }
        Instant now = clock.instant();
        Customer checked = check(keepingMasked(draft, before), before);
        scopes.checkOwnerChange(before.ownerId(), checked.ownerId(), false);
        requireIdentitiesFree(checked, id);
        table.update(checked, now);
        table.replaceContactIdentities(id, checked.phone(), checked.email(), now);
        Customer after = find(id);
        audit.record("update", "customer", id, forAudit(before), forAudit(findToContact(id)));
        events.publishEvent(CustomersChanged.of(List.of(id)));
        return after;
    }

    /** Sets some custom field values, leaving the others; blank values clear a field. */
    @Transactional
    public Customer updateCustomFields(long id, Map<String, ?> values) {
        find(id);
        return update(id, CustomerDraft.of(findToContact(id)).withCustomFields(values));
    }

    /**
     * Deletes a customer as a person's erasure: from every module, with the customers merged into them, the audit
     * log's snapshots redacted ({@link SubjectRequests#erase}).
     */
    public void delete(long id) {
        erasure.erase(id, null);
    }

    /**
     * Loads customers into an empty database in one transaction, with {@code COPY}; ids are the records' own. The
     * demo dataset and benchmarks use it. Not audited: it is set-up, not a user's change.
     */
    public long loadInBulk(Replayable<CustomerRecord> customers) {
        return bulkLoad.load(customers);
    }

    /**
     * The draft with a masked phone or email sent back unchanged (as shown to someone who sees them masked) replaced
     * by the stored value: saving a form they could not read in full keeps what it hid.
     */
    private CustomerDraft keepingMasked(CustomerDraft draft, Customer stored) {
        Set<SensitiveField> masked = masking.maskedForViewer();
        boolean phone = masked.contains(SensitiveField.PHONE)
                && ContactMasking.isMaskOf(SensitiveField.PHONE, draft.phone(), stored.phone());
        boolean email = masked.contains(SensitiveField.EMAIL)
                && ContactMasking.isMaskOf(SensitiveField.EMAIL, draft.email(), stored.email());
        if (!phone && !email) {
            return draft;
        }
        return new CustomerDraft(
                draft.kind(),
                draft.name(),
                phone ? stored.phone() : draft.phone(),
                email ? stored.email() : draft.email(),
                draft.gender(),
                draft.birthday(),
                draft.city(),
                draft.region(),
                draft.industry(),
                draft.ownerId(),
                draft.status(),
                draft.lifecycleStage(),
                draft.source(),
                draft.customFields());
    }

    /** The customer as the audit log keeps it: sensitive fields masked, so the log never holds them in full. */
    Customer forAudit(Customer customer) {
        return masking.masked(customer, masking.maskedForAudit());
    }

    /** Checks and cleans a draft; {@code current} is null when creating. */
    private Customer check(CustomerDraft draft, Customer current) {
        var errors = new LinkedHashMap<String, String>();
        if (draft.kind() == null) {
            errors.put("kind", "must be PERSON or COMPANY");
        }
        String name = blankToNull(draft.name());
        if (name == null) {
            errors.put("name", "must not be blank");
        } else if (name.length() > 200) {
            errors.put("name", "at most 200 characters");
        }
        String phone = null;
        if (blankToNull(draft.phone()) != null) {
            try {
                phone = Phone.parse(draft.phone(), defaultRegion).e164();
            } catch (IllegalArgumentException e) {
                errors.put("phone", e.getMessage());
            }
        }
        String email = null;
        if (blankToNull(draft.email()) != null) {
            try {
                email = Email.parse(draft.email()).address();
            } catch (IllegalArgumentException e) {
                errors.put("email", e.getMessage());
            }
        }
        String gender = blankToNull(draft.gender());
        if (gender != null && !gender.equals("F") && !gender.equals("M")) {
            errors.put("gender", "must be F or M");
        }
        if (draft.birthday() != null && draft.birthday().isAfter(LocalDate.now(clock))) {
            errors.put("birthday", "must not be in the future");
        }
        if (draft.ownerId() != null) {
            try {
                if (!users.find(draft.ownerId()).enabled()) {
                    errors.put("ownerId", "user " + draft.ownerId() + " is disabled");
                }
            } catch (NotFoundException e) {
                errors.put("ownerId", "user " + draft.ownerId() + " does not exist");
            }
        }
        Map<String, Object> fields = Map.of();
        try {
            fields = customFields.check(draft.customFields(), current == null ? Map.of() : current.customFields());
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Customer(
                current == null ? 0 : current.id(),
                draft.kind(),
                name,
                phone,
                email,
                gender,
                draft.birthday(),
                blankToNull(draft.city()),
                blankToNull(draft.region()),
                blankToNull(draft.industry()),
                draft.ownerId(),
                draft.status() != null ? draft.status() : current != null ? current.status() : CustomerStatus.ACTIVE,
                draft.lifecycleStage() != null
                        ? draft.lifecycleStage()
                        : current != null ? current.lifecycleStage() : LifecycleStage.PROSPECT,
                blankToNull(draft.source()),
                fields,
                current == null ? null : current.signedUpAt(),
                null,
                null,
                0,
                null);
    }

    private void requireIdentitiesFree(Customer customer, Long self) {
        checkFree(new Identity("phone", customer.phone()), self);
        checkFree(new Identity("email", customer.email()), self);
    }

    private void checkFree(Identity identity, Long self) {
        if (identity.value() == null) {
            return;
        }
        table.ownerOfIdentity(identity).filter(owner -> !owner.equals(self)).ifPresent(owner -> {
            throw new ConflictException(
                    "The " + identity.kind() + " " + identity.value() + " belongs to customer " + owner);
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
