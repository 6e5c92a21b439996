package dev.retain.customers;

import dev.retain.platform.PageOf;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer list: free text matches name, email and phone digits (trigram-indexed); filters and sort are bound or
 * taken from enums, never spliced from input.
 */
@Component
class CustomerSearch {

    private final JdbcClient jdbc;
    private final CustomerTable table;

    CustomerSearch(JdbcClient jdbc, CustomerTable table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    PageOf<Customer> search(CustomerQuery query, int page, int size) {
        var where = new StringBuilder(" where merged_into is null");
        List<Object> params = new ArrayList<>();
        String text = query.text() == null ? "" : query.text().strip();
        if (!text.isEmpty()) {
            String digits = text.replaceAll("[^0-9]", "");
            String pattern = "%" + escapeLike(text) + "%";
            where.append(" and (name ilike ? or email ilike ?");
            params.add(pattern);
            params.add(pattern);
            // A query typed as a phone number (digits, spaces, + - ( )) also matches phone numbers.
            if (digits.length() >= 4 && text.matches("[0-9+\\-() ]+")) {
                where.append(" or phone like ?");
                params.add("%" + digits + "%");
            }
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
