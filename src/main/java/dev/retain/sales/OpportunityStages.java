package dev.retain.sales;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The funnel's stages an admin sets up: names, order, chances of winning and when an opportunity is stuck. */
@Service
public class OpportunityStages {

    static final int MAX_NAME = 50;
    static final int MAX_STUCK_DAYS = 3650;

    /** What an admin sets for a stage; a null position puts a new stage last and keeps an existing one's. */
    public record StageSettings(String name, Integer position, Integer probability, Integer stuckAfterDays) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;

    OpportunityStages(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The stages in funnel order. */
    public List<OpportunityStage> list() {
        return jdbc.sql("select id, name, position, probability, stuck_after_days from opportunity_stages"
                        + " order by position, id")
                .query(OpportunityStages::map)
                .list();
    }

    /** @throws NotFoundException an unknown stage */
    public OpportunityStage find(long id) {
        return jdbc.sql("select id, name, position, probability, stuck_after_days from opportunity_stages where id = ?")
                .param(id)
                .query(OpportunityStages::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("Stage", id));
    }

    /** The first stage, where new opportunities start unless told otherwise. */
    public OpportunityStage first() {
        return list().stream()
                .findFirst()
                .orElseThrow(() -> new ConflictException("The funnel has no stages: an admin adds them first"));
    }

    /**
     * @throws InvalidInputException a blank or long name, a probability outside 0–100, stuck days not positive
     * @throws ConflictException the name is taken
     */
    @Transactional
    public OpportunityStage create(StageSettings settings) {
        check(settings);
        int position = settings.position() != null
                ? settings.position()
                : jdbc.sql("select coalesce(max(position), 0) + 1 from opportunity_stages")
                        .query(Integer.class)
                        .single();
        try {
            long id = jdbc.sql("""
                            insert into opportunity_stages (name, position, probability, stuck_after_days)
                            values (?, ?, ?, ?) returning id""")
                    .params(settings.name().strip(), position, settings.probability(), settings.stuckAfterDays())
                    .query(Long.class)
                    .single();
            OpportunityStage created = find(id);
            audit.record("create", "opportunity_stage", id, null, created);
            return created;
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A stage named " + settings.name().strip() + " exists already");
        }
    }

    /** @throws NotFoundException an unknown stage; otherwise as {@link #create} */
    @Transactional
    public OpportunityStage update(long id, StageSettings settings) {
        OpportunityStage before = find(id);
        check(settings);
        try {
            jdbc.sql("""
                            update opportunity_stages set name = ?, position = ?, probability = ?, stuck_after_days = ?,
                                updated_at = now()
                            where id = ?""")
                    .params(
                            settings.name().strip(),
                            settings.position() == null ? before.position() : settings.position(),
                            settings.probability(),
                            settings.stuckAfterDays(),
                            id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A stage named " + settings.name().strip() + " exists already");
        }
        OpportunityStage after = find(id);
        audit.record("update", "opportunity_stage", id, before, after);
        return after;
    }

    /** @throws ConflictException opportunities stand in the stage or passed through it, or it is the last one */
    @Transactional
    public void delete(long id) {
        OpportunityStage stage = find(id);
        long used = jdbc.sql("""
                        select count(*) from (
                            select id from opportunities where stage_id = :id
                            union
                            select opportunity_id from opportunity_moves where to_stage_id = :id or from_stage_id = :id
                        ) touched""").param("id", id).query(Long.class).single();
        if (used > 0) {
            throw new ConflictException(
                    used + " opportunities are or were in stage " + stage.name() + "; rename it instead");
        }
        if (list().size() == 1) {
            throw new ConflictException("The funnel keeps at least one stage");
        }
        jdbc.sql("delete from opportunity_stages where id = ?").param(id).update();
        audit.record("delete", "opportunity_stage", id, stage, null);
    }

    private static void check(StageSettings s) {
        var errors = new LinkedHashMap<String, String>();
        if (s.name() == null || s.name().isBlank() || s.name().strip().length() > MAX_NAME) {
            errors.put("name", "must be given, at most " + MAX_NAME + " characters");
        }
        if (s.probability() == null || s.probability() < 0 || s.probability() > 100) {
            errors.put("probability", "a percentage from 0 to 100");
        }
        if (s.stuckAfterDays() != null && (s.stuckAfterDays() < 1 || s.stuckAfterDays() > MAX_STUCK_DAYS)) {
            errors.put("stuckAfterDays", "from 1 to " + MAX_STUCK_DAYS + " days, or none");
        }
        if (s.position() != null && (s.position() < 0 || s.position() > 1000)) {
            errors.put("position", "from 0 to 1000");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static OpportunityStage map(ResultSet rs, int row) throws SQLException {
        return new OpportunityStage(
                rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getObject(5, Integer.class));
    }

    /** Stage names by id, for showing history. */
    Map<Long, String> names() {
        Map<Long, String> names = new LinkedHashMap<>();
        list().forEach(stage -> names.put(stage.id(), stage.name()));
        return names;
    }
}
