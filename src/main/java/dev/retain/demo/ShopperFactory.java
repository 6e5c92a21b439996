package dev.retain.demo;

import static dev.retain.demo.Distributions.chance;

import dev.retain.demo.CityPool.City;
import dev.retain.demo.CompanyNames.CompanyName;
import dev.retain.demo.NamePool.PersonName;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;

/** Creates customers, persons and companies, with their contact details and buying traits. */
final class ShopperFactory {

    private static final double COMPANY_SHARE = 0.12;
    private static final double PERSON_MEAN_ORDER_VALUE = 300;
    private static final double COMPANY_MEAN_ORDER_VALUE = 3000;

    private static final WeightedChoice<String> PERSON_SOURCES = WeightedChoice.<String>builder()
            .add("shop", 45)
            .add("wechat", 30)
            .add("offline", 15)
            .add("erp", 10)
            .build();
    private static final WeightedChoice<String> COMPANY_SOURCES = WeightedChoice.<String>builder()
            .add("erp", 45)
            .add("offline", 25)
            .add("shop", 20)
            .add("wechat", 10)
            .build();

    private final PhoneNumbers phones;
    private final ShoppingHours hours;
    private final LocalDate asOf;
    private final long windowStart;
    private final long windowEnd;

    ShopperFactory(PhoneNumbers phones, ShoppingHours hours, LocalDate asOf, long windowStart, long windowEnd) {
        this.phones = phones;
        this.hours = hours;
        this.asOf = asOf;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    Shopper create(long id, SplittableRandom random) {
        boolean company = chance(random, COMPANY_SHARE);
        City city = CityPool.pick(random);
        long uniform = windowStart + random.nextLong(windowEnd - windowStart);
        Instant signedUpAt = Instant.ofEpochSecond(hours.retime(uniform, windowStart, windowEnd, company, random));
        return company ? company(id, city, signedUpAt, random) : person(id, city, signedUpAt, random);
    }

    private Shopper person(long id, City city, Instant signedUpAt, SplittableRandom random) {
        boolean chinese = chance(random, 0.8);
        boolean female = chance(random, 0.52);
        PersonName name = chinese ? NamePool.chinese(random, female) : NamePool.english(random, female);
        String phone = null;
        if (!chance(random, 0.05)) {
            // Expats keep their home numbers now and then.
            phone = !chinese && chance(random, 0.25) ? phones.foreign(id, random) : phones.mobile(2 * id, random);
        }
        String email = chance(random, 0.55) ? EmailAddresses.personal(random, id, name) : null;
        String gender = chance(random, 0.04) ? null : female ? "F" : "M";
        LocalDate birthday = chance(random, 0.7) ? birthday(random) : null;
        DemoCustomer customer = new DemoCustomer(
                id,
                "PERSON",
                name.fullName(),
                phone,
                email,
                gender,
                birthday,
                city.name(),
                city.region(),
                null,
                null,
                null,
                signedUpAt,
                PERSON_SOURCES.pick(random));
        return new Shopper(
                customer,
                false,
                currency(chinese, random),
                CategoryTastes.personFavourite(random),
                Distributions.gammaWithMean(random, 2.5, PERSON_MEAN_ORDER_VALUE));
    }

    private Shopper company(long id, City city, Instant signedUpAt, SplittableRandom random) {
        boolean chinese = chance(random, 0.85);
        String industry = CompanyNames.industry(random);
        CompanyName name =
                chinese ? CompanyNames.chinese(random, city.name(), industry) : CompanyNames.english(random, industry);
        boolean contactFemale = chance(random, 0.5);
        PersonName contact = chinese || chance(random, 0.5)
                ? NamePool.chinese(random, contactFemale)
                : NamePool.english(random, contactFemale);
        String phone = null;
        if (!chance(random, 0.05)) {
            phone = chance(random, 0.5) ? phones.landline(city.areaCode(), id, random) : phones.mobile(2 * id, random);
        }
        // The contact's mobile uses the odd keys, so it never equals any customer's own number.
        String contactPhone = chance(random, 0.05) ? null : phones.mobile(2 * id + 1, random);
        String email = chance(random, 0.55) ? EmailAddresses.business(random, id, name, contact) : null;
        DemoCustomer customer = new DemoCustomer(
                id,
                "COMPANY",
                name.name(),
                phone,
                email,
                null,
                null,
                city.name(),
                city.region(),
                industry,
                contact.fullName(),
                contactPhone,
                signedUpAt,
                COMPANY_SOURCES.pick(random));
        return new Shopper(
                customer,
                true,
                currency(chinese, random),
                CategoryTastes.companyFavourite(industry, random),
                Distributions.gammaWithMean(random, 2.5, COMPANY_MEAN_ORDER_VALUE));
    }

    /** A few English-named customers are billed in US dollars. */
    private static String currency(boolean chinese, SplittableRandom random) {
        return !chinese && chance(random, 0.15) ? "USD" : "CNY";
    }

    /** Ages 18 to 70 on {@code asOf}, most in their thirties. */
    private LocalDate birthday(SplittableRandom random) {
        int age = 18 + (int) (53 * Distributions.beta(random, 2, 3.2));
        return asOf.minusYears(age).minusDays(random.nextInt(365));
    }
}
