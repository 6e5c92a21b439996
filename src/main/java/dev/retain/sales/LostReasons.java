package dev.retain.sales;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The list of reasons offered when an opportunity is lost; an admin edits it. */
@Service
public class LostReasons {

    static final int MAX_NAME = 100;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    LostReasons(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<LostReason> list() {
        return jdbc.sql("select id, name, position from opportunity_lost_reasons order by position, id")
                .query((rs, row) -> new LostReason(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .list();
    }

    /**
     * Adds a reason at the end of the list.
     *
     * @throws InvalidInputException a blank or long name
     * @throws ConflictException the reason is on the list already
     */
    @Transactional
    public LostReason add(String name) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw new InvalidInputException("name", "must be given, at most " + MAX_NAME + " characters");
        }
        try {
            LostReason added = jdbc.sql("""
                            insert into opportunity_lost_reasons (name, position)
                            values (?, (select coalesce(max(position), 0) + 1 from opportunity_lost_reasons))
                            returning id, name, position""")
                    .param(name.strip())
                    .query((rs, row) -> new LostReason(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                    .single();
            audit.record("create", "opportunity_lost_reason", added.id(), null, added);
            return added;
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The reason " + name.strip() + " is on the list already");
        }
    }

    /** Removes a reason from the list; opportunities lost for it keep it. */
    @Transactional
    public void delete(long id) {
        LostReason reason = list().stream()
                .filter(r -> r.id() == id)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Lost reason", id));
        jdbc.sql("delete from opportunity_lost_reasons where id = ?").param(id).update();
        audit.record("delete", "opportunity_lost_reason", id, reason, null);
    }
}
