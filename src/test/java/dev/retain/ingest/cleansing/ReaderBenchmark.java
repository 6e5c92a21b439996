package dev.retain.ingest.cleansing;

import java.time.ZoneId;
import java.util.function.ToIntFunction;

/**
 * Rough nanoseconds per call of the readers on typical cells; run by hand with {@code java … ReaderBenchmark}. Not a
 * JMH benchmark: enough to see whether a change costs tens or hundreds of nanoseconds.
 */
final class ReaderBenchmark {

    private static final int CALLS = 5_000_000;
    private static final int ROUNDS = 5;

    private ReaderBenchmark() {}

    public static void main(String[] args) {
        var dates = new DateReader(ZoneId.of("Asia/Shanghai"), DayMonthOrder.DAY_FIRST);
        measure(
                "readInstant 2026-01-05 14:30:00",
                value -> dates.readInstant(value).getNano(),
                "2026-01-05 14:30:00");
        measure("readInstant 2026/1/5", value -> dates.readInstant(value).getNano(), "2026/1/5");
        measure("readDate 2026/1/5", value -> dates.readDate(value).getDayOfMonth(), "2026/1/5");
        measure(
                "readInstant 2026年1月5日 14时30分",
                value -> dates.readInstant(value).getNano(),
                "2026年1月5日 14时30分");
        measure(
                "AmountReader 1,234.50",
                value -> AmountReader.read(value).value().scale(),
                "1,234.50");
        measure(
                "AmountReader ￥１，２３４．５０",
                value -> AmountReader.read(value).value().scale(),
                "￥１，２３４．５０");
    }

    private static void measure(String name, ToIntFunction<String> read, String value) {
        long best = Long.MAX_VALUE;
        int sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                // a fresh String each time, as a file reader would hand over, so no hash or result is cached
                sink += read.applyAsInt(new String(value));
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("%-40s %6.1f ns/call (%d)%n", name, (double) best / CALLS, sink & 1);
    }
}
