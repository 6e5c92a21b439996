package dev.retain.demo;

import static dev.retain.demo.Distributions.any;
import static dev.retain.demo.Distributions.chance;

import dev.retain.demo.CompanyNames.CompanyName;
import dev.retain.demo.NamePool.PersonName;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Email addresses as people enter them. Each carries a number derived from the customer id plus a little randomness,
 * so no two customers share an address.
 */
final class EmailAddresses {

    private static final WeightedChoice<String> CHINESE_DOMAINS = WeightedChoice.<String>builder()
            .add("qq.com", 35)
            .add("163.com", 25)
            .add("126.com", 10)
            .add("sina.com", 5)
            .add("foxmail.com", 5)
            .add("139.com", 4)
            .add("gmail.com", 6)
            .add("outlook.com", 6)
            .add("hotmail.com", 4)
            .build();
    private static final WeightedChoice<String> ENGLISH_DOMAINS = WeightedChoice.<String>builder()
            .add("gmail.com", 45)
            .add("outlook.com", 25)
            .add("hotmail.com", 10)
            .add("yahoo.com", 10)
            .add("icloud.com", 10)
            .build();
    private static final List<String> MAILBOXES = List.of("sales", "purchase", "info", "contact", "admin", "caigou");
    private static final List<String> COMPANY_TLDS = List.of(".com", ".com.cn", ".cn", ".net");

    private EmailAddresses() {}

    static String personal(SplittableRandom random, long customerId, PersonName name) {
        String domain = (name.chinese() ? CHINESE_DOMAINS : ENGLISH_DOMAINS).pick(random);
        if (domain.equals("qq.com") && chance(random, 0.6)) {
            return untidy(random, qqNumber(random, customerId) + "@qq.com");
        }
        return untidy(random, localPart(random, name) + uniqueNumber(random, customerId) + "@" + domain);
    }

    /** A company mailbox at its own domain: a role account or the contact person's. */
    static String business(SplittableRandom random, long customerId, CompanyName company, PersonName contact) {
        String mailbox = chance(random, 0.5) ? any(random, MAILBOXES) : localPart(random, contact);
        String domain = company.domainStem() + uniqueNumber(random, customerId) + any(random, COMPANY_TLDS);
        return untidy(random, mailbox + "@" + domain);
    }

    private static String localPart(SplittableRandom random, PersonName name) {
        String given = name.givenLatin();
        String family = name.familyLatin();
        return switch (random.nextInt(6)) {
            case 0 -> family + given;
            case 1 -> family + "." + given;
            case 2 -> given + "." + family;
            case 3 -> family + "_" + given;
            case 4 -> given + family;
            default -> given.charAt(0) + family;
        };
    }

    /**
     * QQ mail addresses are usually the account number: nine digits here, spread by a multiplier coprime to 9×10^8 so
     * that consecutive customers get unrelated-looking numbers.
     */
    private static long qqNumber(SplittableRandom random, long customerId) {
        long key = customerId * 100 + random.nextInt(100);
        return 100_000_000L + Math.floorMod(key * 7_654_321L, 900_000_000L);
    }

    private static long uniqueNumber(SplittableRandom random, long customerId) {
        return customerId * 10 + random.nextInt(10);
    }

    /** A few addresses keep the stray capitals or spaces of a hurried typist. */
    private static String untidy(SplittableRandom random, String email) {
        int roll = random.nextInt(100);
        if (roll < 3) {
            return Character.toUpperCase(email.charAt(0)) + email.substring(1);
        } else if (roll < 5) {
            return email.toUpperCase(Locale.ROOT);
        } else if (roll < 7) {
            return " " + email;
        } else if (roll < 9) {
            return email + " ";
        }
        return email;
    }
}
