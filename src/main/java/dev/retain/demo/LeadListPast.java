package dev.retain.demo;

import dev.retain.customers.Customer;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerQuery;
import dev.retain.customers.Customers;
import dev.retain.demo.CityPool.City;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Two weeks into its time with Retain the company imported the visitors it met at a trade fair. A few were customers
 * already and left a new phone number at the stand: the import cannot know, so it suggests them as possible
 * duplicates, and they wait in the review queue. Two business cards were misread into phone numbers too short to be
 * one: those rows are rejected, more than the share data quality accepts, so an alert waits too.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class LeadListPast implements PastChapter {

    static final long FAIR_DAY = 14;
    static final int NEW_LEADS = 20;
    static final int KNOWN_FACES = 4;
    static final List<String> MISREAD_PHONES = List.of("138 0571", "139-2");
    private static final long LEAD_KEYS = 900_000_000L;

    private final BulkIngest ingest;
    private final Customers customers;
    private int imported;
    private int suggested;
    private long rejected;

    LeadListPast(BulkIngest ingest, Customers customers) {
        this.ingest = ingest;
        this.customers = customers;
    }

    @Override
    public void live(PastDay day) {
        if (day.number() != FAIR_DAY) {
            return;
        }
        day.moveTo(LocalTime.of(10, 30));
        SplittableRandom random = day.random("leads");
        var phones = new PhoneNumbers(random.nextLong());
        var leads = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < NEW_LEADS; i++) {
            boolean female = random.nextBoolean();
            City city = CityPool.pick(random);
            leads.add(lead(
                    NamePool.chinese(random, female).fullName(), city.name(), phones.mobile(LEAD_KEYS + i, random)));
        }
        List<Customer> known = customers
                .search(
                        new CustomerQuery(null, CustomerKind.PERSON, null, null, null, CustomerQuery.Sort.NAME, false),
                        random.nextInt(20),
                        100)
                .items()
                .stream()
                .filter(customer -> customer.city() != null)
                .toList();
        for (int i = 0; i < Math.min(KNOWN_FACES, known.size()); i++) {
            Customer customer = known.get(i * known.size() / KNOWN_FACES);
            leads.add(lead(customer.name(), customer.city(), phones.mobile(LEAD_KEYS + NEW_LEADS + i, random)));
            suggested++;
        }
        for (String misread : MISREAD_PHONES) {
            leads.add(lead(
                    NamePool.chinese(random, random.nextBoolean()).fullName(),
                    CityPool.pick(random).name(),
                    misread));
        }
        var results = ingest.ingest(ImportKind.CUSTOMERS, "trade_fair", leads, Map.of());
        imported = results.size();
        rejected = results.stream().filter(result -> result.reason() != null).count();
    }

    private static Map<String, Object> lead(String name, String city, String phone) {
        var lead = new HashMap<String, Object>();
        lead.put("name", name);
        lead.put("city", city);
        lead.put("phone", phone);
        return lead;
    }

    @Override
    public List<String> generated() {
        return List.of(("%d trade-fair visitors imported: %d customers already under a new phone number wait in the"
                        + " duplicates queue, %d rejected rows raised a data-quality alert")
                .formatted(imported, suggested, rejected));
    }
}
