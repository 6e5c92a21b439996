package dev.retain.ingest;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which import rows were merged into a customer: exported, and deleted on erasure. Rejected rows name no customer, so
 * those holding one of the erased customer's emails or phone numbers (in any spelling of its digits) go too.
 */
@Component
class IngestPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("import_merges");

    /** Shorter digit runs would match rows of other people (a quantity, a postcode). */
    private static final int SHORTEST_PHONE_DIGITS = 7;

    private final PersonalDataRows rows;
    private final JdbcClient jdbc;

    IngestPersonalData(PersonalDataRows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "ingest";
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long customerId) {
        return rows.of(customerId, TABLES);
    }

    @Override
    public void erase(ErasedCustomer customer) {
        rows.delete(customer.id(), "import_merges");
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phoneDigits = new LinkedHashSet<>();
        for (var identity : customer.identities()) {
            switch (identity.kind()) {
                case "email" -> emails.add(identity.value().strip().toLowerCase(Locale.ROOT));
                case "phone" -> phoneDigits.addAll(digitsOf(identity.value()));
                default -> {}
            }
        }
        if (emails.isEmpty() && phoneDigits.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        delete from import_rejections rejected
                        where exists (select 1 from unnest(rejected.original) cell
                                      where lower(btrim(cell)) = any (?::text[])
                                         or regexp_replace(cell, '\\D', '', 'g') = any (?::text[]))""")
                .params(emails.toArray(String[]::new), phoneDigits.toArray(String[]::new))
                .update();
    }

    /** The number's digits with and without its country code: "+8613812345678" → 8613812345678, 13812345678. */
    private static Set<String> digitsOf(String e164) {
        Set<String> digits = new LinkedHashSet<>();
        digits.add(e164.replaceAll("\\D", ""));
        try {
            var number = PhoneNumberUtil.getInstance().parse(e164, null);
            digits.add(PhoneNumberUtil.getInstance().getNationalSignificantNumber(number));
        } catch (NumberParseException e) {
            // not a number libphonenumber reads: its digits as they are
        }
        digits.removeIf(run -> run.length() < SHORTEST_PHONE_DIGITS);
        return digits;
    }
}
