package dev.retain.customers;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Request bodies for the customers API, named after what they are. */
public final class CustomerRequests {

    private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 90_000_000L);

    private CustomerRequests() {}

    /** A Chinese mobile number nobody else in the test run has, typed with spaces. */
    public static String aFreshMobile() {
        String digits = "%08d".formatted(sequence.incrementAndGet() % 100_000_000L);
        return "139 " + digits.substring(0, 4) + " " + digits.substring(4);
    }

    public static String e164(String mobile) {
        return "+86" + mobile.replace(" ", "");
    }

    public static Map<String, Object> aPerson(String name) {
        var body = new HashMap<String, Object>();
        body.put("kind", "PERSON");
        body.put("name", name);
        body.put("phone", aFreshMobile());
        body.put("city", "上海");
        body.put("region", "华东");
        return body;
    }

    public static Map<String, Object> aCompany(String name) {
        var body = new HashMap<String, Object>();
        body.put("kind", "COMPANY");
        body.put("name", name);
        body.put("industry", "制造");
        body.put("city", "苏州");
        return body;
    }
}
