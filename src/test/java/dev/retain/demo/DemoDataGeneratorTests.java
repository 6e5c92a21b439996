package dev.retain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoDataGeneratorTests {

    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 1);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant END = AS_OF.atStartOfDay(ZONE).toInstant();

    private static Shape tenThousand;

    @BeforeAll
    static void generateTenThousandCustomers() {
        tenThousand = new Shape();
        new DemoDataGenerator(42, 10_000, AS_OF, ZONE).forEachCustomer(tenThousand::add);
    }

    @Test
    void sameSeedGivesIdenticalOutput() {
        assertThat(fingerprint(7, 2_000)).isEqualTo(fingerprint(7, 2_000));
    }

    @Test
    void differentSeedGivesDifferentOutput() {
        assertThat(fingerprint(7, 2_000)).isNotEqualTo(fingerprint(8, 2_000));
    }

    @Test
    void customerIsTheSameWhateverTheNumberOfCustomers() {
        List<String> small = histories(100);
        List<String> large = histories(1_000);

        assertThat(large.subList(0, 100)).isEqualTo(small);
    }

    @Test
    void ordersAndEventsHappenBetweenSignUpAndAsOf() {
        new DemoDataGenerator(3, 2_000, AS_OF, ZONE).forEachCustomer(history -> {
            Instant signedUpAt = history.customer().signedUpAt();
            assertThat(signedUpAt)
                    .isAfterOrEqualTo(END.minus(Duration.ofDays(731)))
                    .isBefore(END);
            for (DemoOrder order : history.orders()) {
                assertThat(order.orderedAt()).isAfterOrEqualTo(signedUpAt).isBefore(END);
            }
            for (DemoEvent event : history.events()) {
                assertThat(event.occurredAt()).isAfterOrEqualTo(signedUpAt).isBefore(END);
            }
        });
    }

    @Test
    void orderIdsCountUpAcrossCustomers() {
        List<Long> ids = new ArrayList<>();
        new DemoDataGenerator(3, 2_000, AS_OF, ZONE)
                .forEachCustomer(history -> history.orders().forEach(order -> ids.add(order.id())));

        assertThat(ids).isNotEmpty();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void customersComeInIdOrderWithTheirOwnOrdersAndEvents() {
        List<Long> customerIds = new ArrayList<>();
        new DemoDataGenerator(3, 500, AS_OF, ZONE).forEachCustomer(history -> {
            long id = history.customer().id();
            customerIds.add(id);
            assertThat(history.orders())
                    .allSatisfy(order -> assertThat(order.customerId()).isEqualTo(id));
            assertThat(history.events())
                    .allSatisfy(event -> assertThat(event.customerId()).isEqualTo(id));
            assertThat(history.orders())
                    .isSortedAccordingTo((a, b) -> a.orderedAt().compareTo(b.orderedAt()));
            assertThat(history.events())
                    .isSortedAccordingTo((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        });

        assertThat(customerIds).hasSize(500).first().isEqualTo(1L);
        assertThat(customerIds).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void orderAmountIsTheSumOfItsLines() {
        new DemoDataGenerator(3, 2_000, AS_OF, ZONE)
                .forEachCustomer(history -> history.orders().forEach(order -> {
                    BigDecimal sum = order.lines().stream()
                            .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                            .reduce(BigDecimal.ZERO, BigDecimal::add)
                            .setScale(2, RoundingMode.HALF_UP);
                    assertThat(order.amount()).isEqualTo(sum);
                    assertThat(order.lines()).hasSizeBetween(1, 4);
                    assertThat(order.externalId()).matches("SO-\\d{8}");
                }));
    }

    @Test
    void customersLookLikeTheirKind() {
        new DemoDataGenerator(5, 2_000, AS_OF, ZONE).forEachCustomer(history -> {
            DemoCustomer customer = history.customer();
            if (customer.kind().equals("COMPANY")) {
                assertThat(customer.gender()).isNull();
                assertThat(customer.birthday()).isNull();
                assertThat(customer.industry()).isIn("制造", "零售", "批发", "餐饮", "医疗", "教育", "物流", "科技");
                assertThat(customer.contactName()).isNotBlank();
            } else {
                assertThat(customer.kind()).isEqualTo("PERSON");
                assertThat(customer.industry()).isNull();
                assertThat(customer.contactName()).isNull();
                assertThat(customer.contactPhone()).isNull();
                if (customer.birthday() != null) {
                    assertThat(customer.birthday()).isBetween(AS_OF.minusYears(71), AS_OF.minusYears(18));
                }
            }
            assertThat(customer.source()).isIn("shop", "erp", "wechat", "offline");
            assertThat(customer.city()).isNotBlank();
            assertThat(customer.region()).isNotBlank();
        });
    }

    @Test
    void catalogueHasBelievableProductsWithUniqueSkus() {
        List<DemoProduct> products = new DemoDataGenerator(1, 0, AS_OF, ZONE).products();

        assertThat(products).hasSizeBetween(60, 120);
        assertThat(products).extracting(DemoProduct::sku).doesNotHaveDuplicates();
        assertThat(products)
                .extracting(DemoProduct::category)
                .containsOnly("母婴", "美妆个护", "食品饮料", "家居日用", "数码电器", "服饰鞋包", "办公用品", "工业配件");
        assertThat(products).allSatisfy(product -> assertThat(product.price()).isPositive());
    }

    @Test
    void breastPumpsAndMilkStorageBagsAreBoughtTogether() {
        assertThat(tenThousand.ordersWithPump).isGreaterThan(100);
        assertThat((double) tenThousand.ordersWithPumpAndBags / tenThousand.ordersWithPump)
                .isGreaterThan(0.5);
    }

    @Test
    void averageCustomerPlacesEightToTwelveOrders() {
        assertThat(tenThousand.ordersPerCustomer()).isBetween(8.0, 12.0);
    }

    @Test
    void manyCustomersHaveNotOrderedInTheLastNinetyDays() {
        assertThat(tenThousand.share(tenThousand.dormant)).isBetween(0.25, 0.55);
    }

    @Test
    void aboutOneInTenCustomersNeverOrders() {
        assertThat(tenThousand.share(tenThousand.withoutOrders)).isBetween(0.05, 0.15);
    }

    @Test
    void aboutOneInEightCustomersIsACompany() {
        assertThat(tenThousand.share(tenThousand.companies)).isBetween(0.08, 0.16);
    }

    @Test
    void mostNamesAreChinese() {
        assertThat(tenThousand.share(tenThousand.chineseNames)).isGreaterThan(0.7);
    }

    @Test
    void phonesComeInMixedFormats() {
        assertThat(tenThousand.phoneFormats).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void phonesAndEmailsBelongToOneCustomerEach() {
        assertThat(tenThousand.duplicatePhones).isZero();
        assertThat(tenThousand.duplicateEmails).isZero();
    }

    @Test
    void fewOrdersAreRefundedOrCancelledOrUseACoupon() {
        assertThat(tenThousand.orderShare(tenThousand.refunded)).isBetween(0.02, 0.04);
        assertThat(tenThousand.orderShare(tenThousand.cancelled)).isBetween(0.01, 0.03);
        assertThat(tenThousand.orderShare(tenThousand.withCoupon)).isBetween(0.05, 0.11);
    }

    @Test
    void customersLeaveAFewEventsEach() {
        assertThat((double) tenThousand.events / tenThousand.customers).isBetween(3.0, 5.0);
    }

    @Test
    void streamsTwoHundredThousandCustomersOneAtATime() {
        long[] counts = new long[2];
        new DemoDataGenerator(11, 200_000, AS_OF, ZONE).forEachCustomer(history -> {
            counts[0]++;
            counts[1] += history.orders().size();
        });

        assertThat(counts[0]).isEqualTo(200_000);
        assertThat(counts[1]).isGreaterThan(1_000_000);
    }

    private static String fingerprint(long seed, int customers) {
        MessageDigest digest = sha256();
        DemoDataGenerator generator = new DemoDataGenerator(seed, customers, AS_OF, ZONE);
        generator.products().forEach(product -> update(digest, product.toString()));
        generator.forEachCustomer(history -> update(digest, history.toString()));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<String> histories(int customers) {
        List<String> histories = new ArrayList<>();
        new DemoDataGenerator(9, customers, AS_OF, ZONE).forEachCustomer(history -> histories.add(history.toString()));
        return histories;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts over a generated population, kept as the customers stream past. */
    private static final class Shape {

        private static final Instant DORMANT_FROM = END.minus(Duration.ofDays(90));

        long customers;
        long orders;
        long events;
        long dormant;
        long withoutOrders;
        long companies;
        long chineseNames;
        long refunded;
        long cancelled;
        long withCoupon;
        long ordersWithPump;
        long ordersWithPumpAndBags;
        long duplicatePhones;
        long duplicateEmails;
        final Set<String> phoneFormats = new HashSet<>();
        private final Set<String> phones = new HashSet<>();
        private final Set<String> emails = new HashSet<>();

        void add(DemoCustomerHistory history) {
            DemoCustomer customer = history.customer();
            customers++;
            orders += history.orders().size();
            events += history.events().size();
            if (history.orders().isEmpty()) {
                withoutOrders++;
            }
            if (history.orders().stream().allMatch(order -> order.orderedAt().isBefore(DORMANT_FROM))) {
                dormant++;
            }
            if (customer.kind().equals("COMPANY")) {
                companies++;
            }
            if (customer.name()
                    .codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                chineseNames++;
            }
            for (String phone : new String[] {customer.phone(), customer.contactPhone()}) {
                if (phone != null) {
                    phoneFormats.add(phone.replaceAll("\\d", "9"));
                    duplicatePhones += phones.add(nationalNumber(phone)) ? 0 : 1;
                }
            }
            if (customer.email() != null) {
                duplicateEmails += emails.add(customer.email().strip().toLowerCase(Locale.ROOT)) ? 0 : 1;
            }
            history.orders().forEach(this::add);
        }

        private void add(DemoOrder order) {
            switch (order.status()) {
                case "REFUNDED" -> refunded++;
                case "CANCELLED" -> cancelled++;
                default -> assertThat(order.status()).isEqualTo("PAID");
            }
            if (order.couponCode() != null) {
                withCoupon++;
            }
            List<String> names =
                    order.lines().stream().map(DemoOrderLine::productName).toList();
            if (names.stream().anyMatch(name -> name.contains("吸奶器"))) {
                ordersWithPump++;
                if (names.stream().anyMatch(name -> name.contains("储奶袋"))) {
                    ordersWithPumpAndBags++;
                }
            }
        }

        /** Digits only, without China's country code, so differently typed forms of one number compare equal. */
        private static String nationalNumber(String phone) {
            String digits = phone.replaceAll("\\D", "");
            if (digits.startsWith("0086")) {
                return digits.substring(4);
            }
            return digits.startsWith("86") && digits.length() == 13 ? digits.substring(2) : digits;
        }

        double ordersPerCustomer() {
            return (double) orders / customers;
        }

        double share(long count) {
            return (double) count / customers;
        }

        double orderShare(long count) {
            return (double) count / orders;
        }
    }
}
