package dev.retain.customers;

import dev.retain.platform.PageOf;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer list: free text matches names (trigram-indexed), emails and phone numbers; filters and sort are bound
 * or taken from enums, never spliced from input. An encrypted phone or email is found by its blind index: a whole
 * number or address exactly, a phone by its last four digits too; parts of them only where they are stored plain.
 */
@Component
class CustomerSearch {

    private final JdbcClient jdbc;
    private final CustomerTable table;
    private final SealedContacts sealed;
    private final PersonalDataSettings settings;
    private final String defaultRegion;

    CustomerSearch(
            JdbcClient jdbc,
            CustomerTable table,
            SealedContacts sealed,
            PersonalDataSettings settings,
            @Value("${retain.default-region}") String defaultRegion) {
        this.jdbc = jdbc;
        this.table = table;
        this.sealed = sealed;
        this.settings = settings;
        this.defaultRegion = defaultRegion;
    }

    PageOf<Customer> search(CustomerQuery query, int page, int size) {
        var where = new StringBuilder(" where merged_into is null");
        List<Object> params = new ArrayList<>();
        String text = query.text() == null ? "" : query.text().strip();
        if (!text.isEmpty()) {
            where.append(" and (");
            matchText(text, where, params);
            where.append(")");
        }
        if (query.kind() != null) {
            where.append(" and kind = ?");
            params.add(query.kind().name());
        }
        if (query.stage() != null) {
            where.append(" and lifecycle_stage = ?");
            params.add(query.stage().name());
        }
        if (query.ownerId() != null) {
            where.append(" and owner_id = ?");
            params.add(query.ownerId());
        }
        if (query.city() != null && !query.city().isBlank()) {
            where.append(" and city = ?");
            params.add(query.city().strip());
        }
        long total = jdbc.sql("select count(*) from customers" + where)
                .params(params)
                .query(Long.class)
                .single();
        CustomerQuery.Sort sort = query.sort() == null ? CustomerQuery.Sort.CREATED : query.sort();
        String direction = query.descending() ? " desc nulls last" : " asc nulls last";
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Customer> items = jdbc.sql("select " + CustomerTable.COLUMNS + " from customers" + where + " order by "
                        + sort.column + direction + ", id" + (query.descending() ? " desc" : "")
                        + " limit ? offset ?")
                .params(pageParams)
                .query(table::map)
                .list();
        return new PageOf<>(items, page, size, total);
    }

    /** Name, email and phone conditions for the free text, each in the forms stored values may have now. */
    private void matchText(String text, StringBuilder where, List<Object> params) {
        PersonalDataSettings.Snapshot now = settings.now();
        String pattern = "%" + escapeLike(text) + "%";
        where.append("name ilike ?");
        params.add(pattern);
        if (now.mayBePlain(SensitiveField.EMAIL)) {
            where.append(" or email ilike ?");
            params.add(pattern);
        }
        if (now.mayBeSealed(SensitiveField.EMAIL) && text.contains("@")) {
            try {
                String email = Email.parse(text).address();
                where.append(" or email_bidx = ?");
                params.add(sealed.blindIndex(SensitiveField.EMAIL, email));
            } catch (IllegalArgumentException notAnAddress) {
                // only a part of one: it matches plain addresses alone
            }
        }
        // A query typed as a phone number (digits, spaces, + - ( )) also matches phone numbers.
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() < 4 || !text.matches("[0-9+\\-() ]+")) {
            return;
        }
        if (now.mayBePlain(SensitiveField.PHONE)) {
            where.append(" or phone like ?");
            params.add("%" + digits + "%");
        }
        if (now.mayBeSealed(SensitiveField.PHONE)) {
            if (digits.length() == 4) {
                where.append(" or phone_last4_bidx = ?");
                params.add(sealed.lastFourIndex(digits));
            } else {
                try {
                    String e164 = Phone.parse(text, defaultRegion).e164();
                    where.append(" or phone_bidx = ?");
                    params.add(sealed.blindIndex(SensitiveField.PHONE, e164));
                } catch (IllegalArgumentException notANumber) {
                    // a part of a number: it matches plain numbers alone
                }
            }
        }
    }

    List<String> cities() {
        return jdbc.sql("select city from customers where city is not null group by city order by count(*) desc"
                        + " limit 100")
                .query(String.class)
                .list();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
