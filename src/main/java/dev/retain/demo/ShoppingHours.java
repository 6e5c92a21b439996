package dev.retain.demo;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.SplittableRandom;

/**
 * Moves a moment to a believable hour of its local day: people shop in the evening, companies in office hours. A
 * moment that would leave its allowed range keeps its original time.
 */
final class ShoppingHours {

    private static final double[] PERSON_HOURS = {
        1.0, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3.0, 3.5, 3.5, 4.0, 3.5, 3.0, 3.0, 3.0, 3.0, 3.5, 4.5, 6.0, 7.0,
        5.5, 3.0
    };
    private static final double[] COMPANY_HOURS = {
        0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 3.0, 6.0, 7.0, 6.0, 2.5, 4.0, 6.0, 6.0, 5.0, 3.0, 1.0, 0.5, 0.4, 0.3,
        0.2, 0.1
    };
    private static final long DAY = 86_400;

    private static final WeightedChoice<Integer> PERSON_HOUR = hours(PERSON_HOURS);
    private static final WeightedChoice<Integer> COMPANY_HOUR = hours(COMPANY_HOURS);

    private final ZoneRules rules;

    ShoppingHours(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** {@code epochSecond} moved within its local day, or unchanged if that would leave [notBefore, before). */
    long retime(long epochSecond, long notBefore, long before, boolean company, SplittableRandom random) {
        int offset = rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        long localDayStart = Math.floorDiv(epochSecond + offset, DAY) * DAY - offset;
        int hour = (company ? COMPANY_HOUR : PERSON_HOUR).pick(random);
        long moved = localDayStart + hour * 3600L + random.nextInt(3600);
        return moved >= notBefore && moved < before ? moved : epochSecond;
    }

    private static WeightedChoice<Integer> hours(double[] weights) {
        WeightedChoice.Builder<Integer> builder = WeightedChoice.builder();
        for (int hour = 0; hour < weights.length; hour++) {
            builder.add(hour, weights[hour]);
        }
        return builder.build();
    }
}
