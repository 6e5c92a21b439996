package dev.retain.messaging;

import dev.retain.customers.CustomFieldDefinition;
import dev.retain.customers.CustomFields;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.ExpiringCache;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Message templates: checked, audited, previewed for a real customer, and checked for unknown variables. */
@Service
public class Templates {

    static final Set<String> LOCALES = Set.of("zh-CN", "en");
    private static final String COLUMNS =
            "id, name, channel, locale, subject, body, created_by, created_at, updated_at";

    private final JdbcClient jdbc;
    private final CustomFields customFields;
    private final Customers customers;
    private final AuditLog audit;
    private final Clock clock;
    private final ExpiringCache<Long, Known> cache = new ExpiringCache<>(Duration.ofSeconds(5));

    Templates(JdbcClient jdbc, CustomFields customFields, Customers customers, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.customFields = customFields;
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
    }

    public List<MessageTemplate> list() {
        Set<String> keys = customFieldKeys();
        return jdbc.sql("select " + COLUMNS + " from message_templates order by name, channel, locale")
                .query((rs, row) -> map(rs, keys))
                .list();
    }

    /** Read for every message: kept a few seconds, and read again when templates or custom fields change. */
    public MessageTemplate find(long id) {
        List<CustomFieldDefinition> definitions = customFields.definitions();
        Known known = cache.get(id, key -> load(key, definitions));
        if (known.definitions() != definitions) {
            cache.forget(id);
            known = cache.get(id, key -> load(key, definitions));
        }
        return known.template();
    }

    /** A template with the custom field definitions its unknown variables were found against. */
    private record Known(MessageTemplate template, List<CustomFieldDefinition> definitions) {}

    private Known load(long id, List<CustomFieldDefinition> definitions) {
        Set<String> keys = keys(definitions);
        MessageTemplate template = jdbc.sql("select " + COLUMNS + " from message_templates where id = ?")
                .param(id)
                .query((rs, row) -> map(rs, keys))
                .optional()
                .orElseThrow(() -> new NotFoundException("Message template", id));
        return new Known(template, definitions);
    }

    /** For journey graph validation: the variables the template uses that are not known (e.g. a typo). */
    public List<String> unknownVariables(long templateId) {
        return find(templateId).unknownVariables();
    }

    @Transactional
    public MessageTemplate create(TemplateDraft draft) {
        check(draft);
        Instant now = clock.instant();
        long id;
        try {
            id = jdbc.sql("""
                            insert into message_templates (name, channel, locale, subject, body, created_by, created_at,
                                updated_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            draft.name().strip(),
                            draft.channel().name(),
                            draft.locale(),
                            subjectOf(draft),
                            draft.body(),
                            AuditLog.currentActor(),
                            Timestamp.from(now),
                            Timestamp.from(now))
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw duplicate(draft);
        }
        cache.clear();
        MessageTemplate created = find(id);
        audit.record("create", "message_template", id, null, created);
        return created;
    }

    @Transactional
    public MessageTemplate update(long id, TemplateDraft draft) {
        MessageTemplate before = find(id);
        check(draft);
        try {
            jdbc.sql("""
                            update message_templates set name = ?, channel = ?, locale = ?, subject = ?, body = ?,
                                updated_at = ? where id = ?""")
                    .params(
                            draft.name().strip(),
                            draft.channel().name(),
                            draft.locale(),
                            subjectOf(draft),
                            draft.body(),
                            Timestamp.from(clock.instant()),
                            id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw duplicate(draft);
        }
        cache.clear();
        MessageTemplate after = find(id);
        audit.record("update", "message_template", id, before, after);
        return after;
    }

    /** Renders a saved template for a customer; {@code variables} stand in for a journey's (sample ones if empty). */
    public Preview preview(long templateId, long customerId, Map<String, Object> variables) {
        MessageTemplate template = find(templateId);
        return preview(
                new TemplateDraft(
                        template.name(), template.channel(), template.locale(), template.subject(), template.body()),
                customerId,
                variables);
    }

    /** Renders a draft as edited (not saved yet), for the editor's preview. */
    public Preview preview(TemplateDraft draft, long customerId, Map<String, Object> variables) {
        if (draft.channel() == null) {
            throw new InvalidInputException("channel", "must be one of EMAIL, SMS, WEBHOOK");
        }
        Customer customer = customers.find(customerId);
        Locale locale = Locale.forLanguageTag(draft.locale() == null ? "zh-CN" : draft.locale());
        Map<String, Object> context = Personalisation.context(
                customer,
                variables == null || variables.isEmpty() ? sampleVariables(locale) : variables,
                "#unsubscribe-preview");
        boolean html = draft.channel() == Channel.EMAIL;
        return new Preview(
                customerId,
                Personalisation.address(customer, draft.channel()),
                draft.subject() == null
                        ? null
                        : TemplateRenderer.render(draft.subject(), context, TemplateRenderer.Format.TEXT, locale),
                TemplateRenderer.render(
                        draft.body(),
                        context,
                        html ? TemplateRenderer.Format.HTML : TemplateRenderer.Format.TEXT,
                        locale),
                html,
                TemplateVariables.unknown(customFieldKeys(), draft.subject(), draft.body()));
    }

    Set<String> customFieldKeys() {
        return keys(customFields.definitions());
    }

    private static Set<String> keys(List<CustomFieldDefinition> definitions) {
        return definitions.stream().map(CustomFieldDefinition::key).collect(Collectors.toSet());
    }

    private static Map<String, Object> sampleVariables(Locale locale) {
        boolean zh = locale.getLanguage().equals("zh");
        return Map.of(
                "coupon",
                Map.of("code", "PREVIEW-8888", "description", zh ? "满200减30（示例）" : "30 off 200 (sample)"),
                "recommendations",
                List.of(Map.of("sku", "SAMPLE-1", "name", zh ? "示例商品" : "Sample product")));
    }

    private static void check(TemplateDraft draft) {
        var errors = new LinkedHashMap<String, String>();
        if (draft.name() == null || draft.name().isBlank()) {
            errors.put("name", "must not be blank");
        } else if (draft.name().strip().length() > 200) {
            errors.put("name", "at most 200 characters");
        }
        if (draft.channel() == null) {
            errors.put("channel", "must be one of EMAIL, SMS, WEBHOOK");
        }
        if (draft.locale() == null || !LOCALES.contains(draft.locale())) {
            errors.put("locale", "must be zh-CN or en");
        }
        if (draft.channel() == Channel.EMAIL
                && (draft.subject() == null || draft.subject().isBlank())) {
            errors.put("subject", "an email needs a subject");
        }
        if (draft.subject() != null && draft.subject().contains("\n")) {
            errors.put("subject", "must be one line");
        }
        if (draft.body() == null || draft.body().isBlank()) {
            errors.put("body", "must not be blank");
        } else if (draft.body().length() > 100_000) {
            errors.put("body", "at most 100000 characters");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static String subjectOf(TemplateDraft draft) {
        return draft.subject() == null || draft.subject().isBlank()
                ? null
                : draft.subject().strip();
    }

    private static ConflictException duplicate(TemplateDraft draft) {
        return new ConflictException("A " + draft.channel() + " template named '"
                + draft.name().strip() + "' in " + draft.locale() + " exists already");
    }

    private static MessageTemplate map(ResultSet rs, Set<String> customFieldKeys) throws SQLException {
        String subject = rs.getString("subject");
        String body = rs.getString("body");
        return new MessageTemplate(
                rs.getLong("id"),
                rs.getString("name"),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("locale"),
                subject,
                body,
                TemplateVariables.unknown(customFieldKeys, subject, body),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
