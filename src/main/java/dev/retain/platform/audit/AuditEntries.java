package dev.retain.platform.audit;

import dev.retain.platform.PageOf;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads the audit log, newest first, filtered by record type, record id and actor. */
@Service
class AuditEntries {

    private final JdbcClient jdbc;

    AuditEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Filter(String entityType, String entityId, String actor) {}

    PageOf<AuditEntry> find(Filter filter, int page, int size) {
        var where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (filter.entityType() != null && !filter.entityType().isBlank()) {
            where.append(" and entity_type = ?");
            params.add(filter.entityType().strip());
        }
        if (filter.entityId() != null && !filter.entityId().isBlank()) {
            where.append(" and entity_id = ?");
            params.add(filter.entityId().strip());
        }
        if (filter.actor() != null && !filter.actor().isBlank()) {
            where.append(" and actor = ?");
            params.add(filter.actor().strip());
        }
        long total = jdbc.sql("select count(*) from audit_log" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<AuditEntry> items = jdbc.sql(
                        "select id, at, actor, action, entity_type, entity_id, before::text, after::text from audit_log"
                                + where + " order by at desc, id desc limit ? offset ?")
                .params(pageParams)
                .query((rs, row) -> new AuditEntry(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)))
                .list();
        return new PageOf<>(items, page, size, total);
    }
}
