package dev.retain.service;

import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Teams;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the desk's settings (one row); a change is checked and audited. */
@Service
public class ServiceSettings {

    public static final int MAX_REOPEN_DAYS = 365;
    public static final int MIN_ATTACHMENT_BYTES = 1024;
    public static final int MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

    private final JdbcClient jdbc;
    private final Teams teams;
    private final AuditLog audit;

    ServiceSettings(JdbcClient jdbc, Teams teams, AuditLog audit) {
        this.jdbc = jdbc;
        this.teams = teams;
        this.audit = audit;
    }

    public DeskSettings current() {
        return jdbc.sql("select reopen_days, attachment_max_bytes, default_team_id from service_settings where id = 1")
                .query((rs, n) -> new DeskSettings(rs.getInt(1), rs.getInt(2), rs.getObject(3, Long.class)))
                .single();
    }

    /** @throws InvalidInputException naming each value out of its range, or a team that does not exist */
    @Transactional
    public DeskSettings update(DeskSettings change) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (change.reopenDays() < 0 || change.reopenDays() > MAX_REOPEN_DAYS) {
            problems.put("reopenDays", "from 0 to " + MAX_REOPEN_DAYS + " days");
        }
        if (change.attachmentMaxBytes() < MIN_ATTACHMENT_BYTES || change.attachmentMaxBytes() > MAX_ATTACHMENT_BYTES) {
            problems.put(
                    "attachmentMaxBytes", "from " + MIN_ATTACHMENT_BYTES + " to " + MAX_ATTACHMENT_BYTES + " bytes");
        }
        if (change.defaultTeamId() != null
                && teams.list().stream().noneMatch(team -> team.id() == change.defaultTeamId())) {
            problems.put("defaultTeamId", "no team " + change.defaultTeamId());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        DeskSettings before = current();
        jdbc.sql("""
                        update service_settings set reopen_days = ?, attachment_max_bytes = ?, default_team_id = ?,
                               updated_at = now() where id = 1""")
                .params(change.reopenDays(), change.attachmentMaxBytes(), change.defaultTeamId())
                .update();
        audit.record("change", "service_settings", 1, before, change);
        return current();
    }
}
