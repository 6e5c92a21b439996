package dev.retain.customers;

import dev.retain.platform.AuditLog;
import dev.retain.platform.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's requests about their data (PIPL art. 45 and 47, GDPR art. 15, 17 and 20): everything held on them, from
 * every module, in one export; and their erasure from every module. Both within the data scope of whoever asks.
 */
@Service
public class SubjectRequests {

    private final CustomerTable table;
    private final PersonalDataRows rows;
    private final List<PersonalDataHolder> holders;
    private final CustomerErasure erasure;
    private final AuditLog audit;
    private final Clock clock;

    SubjectRequests(
            CustomerTable table,
            PersonalDataRows rows,
            List<PersonalDataHolder> holders,
            CustomerErasure erasure,
            AuditLog audit,
            Clock clock) {
        this.table = table;
        this.rows = rows;
        this.holders = holders.stream()
                .sorted(Comparator.comparing(PersonalDataHolder::module))
                .toList();
        this.erasure = erasure;
        this.audit = audit;
        this.clock = clock;
    }

    /** Everything held on one customer: the profile as stored, then each module's rows, table by table. */
    public record SubjectExport(
            long customerId,
            Instant exportedAt,
            Map<String, Object> profile,
            Map<String, Map<String, List<Map<String, Object>>>> modules) {}

    /** What an erasure removed: the customers (the one asked for and those merged into it) and the redacted entries. */
    public record Erasure(List<Long> customerIds, long auditEntriesRedacted) {}

    /** The customer's data; the export is audited (who, which customer, which format), never its content. */
    @Transactional(readOnly = true)
    public SubjectExport export(long customerId, String format) {
        table.find(customerId).orElseThrow(() -> new NotFoundException("Customer", customerId));
        Customer stored = table.findStored(customerId).orElseThrow();
        Map<String, Object> profile = rows.profile(customerId);
        // the phone and email themselves, where they are stored encrypted
        profile.put("phone", stored.phone());
        profile.put("email", stored.email());
        var modules = new LinkedHashMap<String, Map<String, List<Map<String, Object>>>>();
        for (PersonalDataHolder holder : holders) {
            modules.put(holder.module(), holder.export(customerId));
        }
        audit.recordExport("customer", customerId, Map.of("what", "personal data", "format", format));
        return new SubjectExport(customerId, clock.instant(), profile, modules);
    }

    /** Erases the customer, and those merged into them, from every module; the reason goes into the audit log. */
    public Erasure erase(long customerId, String reason) {
        return erasure.erase(customerId, reason);
    }
}
