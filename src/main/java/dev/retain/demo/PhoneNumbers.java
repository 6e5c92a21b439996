package dev.retain.demo;

import static dev.retain.demo.Distributions.chance;

import java.util.SplittableRandom;

/**
 * Phone numbers in the mixed raw formats people type. The subscriber digits come from a bijection of a per-number key,
 * so no two keys (and hence no two customers) share a number; the seed shifts the bijection.
 */
final class PhoneNumbers {

    private static final int[] MOBILE_PREFIXES = {
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159, 166, 170, 171,
        172, 173, 174, 175, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 191, 195, 198, 199
    };
    private static final String[] US_AREA_CODES = {"415", "212", "646", "310", "617", "206", "312", "512"};

    // Odd and not a multiple of 5, so multiplying by it permutes the residues modulo any power of ten.
    private static final long MULTIPLIER = 7_654_321L;

    private final long offset;

    PhoneNumbers(long seed) {
        this.offset = Math.floorMod(seed * 0x9E3779B97F4A7C15L, 100_000_000L);
    }

    /** A Chinese mobile number, e.g. "138 1234 5678" or "+8613812345678". */
    String mobile(long key, SplittableRandom random) {
        String prefix = Integer.toString(MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]);
        String digits = padded(scramble(key, 100_000_000L), 8);
        String middle = digits.substring(0, 4);
        String last = digits.substring(4);
        int format = random.nextInt(100);
        if (format < 40) {
            return prefix + digits;
        } else if (format < 55) {
            return prefix + " " + middle + " " + last;
        } else if (format < 65) {
            return prefix + "-" + middle + "-" + last;
        } else if (format < 73) {
            return "+86 " + prefix + " " + middle + " " + last;
        } else if (format < 83) {
            return "+86" + prefix + digits;
        } else if (format < 88) {
            return "86-" + prefix + digits;
        } else if (format < 93) {
            return "(+86)" + prefix + digits;
        } else if (format < 96) {
            return "+86-" + prefix + "-" + middle + "-" + last;
        } else if (format < 98) {
            return "0086 " + prefix + digits;
        }
        return " " + prefix + digits + " ";
    }

    /** A landline with the city's area code, e.g. "021-62345678". */
    String landline(String areaCode, long key, SplittableRandom random) {
        String digits = (2 + random.nextInt(7)) + padded(scramble(key, 10_000_000L), 7);
        int format = random.nextInt(10);
        if (format < 6) {
            return areaCode + "-" + digits;
        } else if (format < 8) {
            return "(" + areaCode + ")" + digits;
        } else if (format < 9) {
            return areaCode + " " + digits.substring(0, 4) + " " + digits.substring(4);
        }
        return "+86 " + areaCode.substring(1) + " " + digits;
    }

    /** A US or UK number, e.g. "+1 415-555-0134" or "+44 20 7946 0958". */
    String foreign(long key, SplittableRandom random) {
        if (chance(random, 0.7)) {
            // US exchanges never start with 0 or 1.
            String digits = Long.toString(2_000_000L + scramble(key, 8_000_000L));
            String area = US_AREA_CODES[random.nextInt(US_AREA_CODES.length)];
            return "+1 " + area + "-" + digits.substring(0, 3) + "-" + digits.substring(3);
        }
        String digits = padded(scramble(key, 10_000_000L), 7);
        return "+44 20 7" + digits.substring(0, 3) + " " + digits.substring(3);
    }

    private long scramble(long key, long modulus) {
        return Math.floorMod(key * MULTIPLIER + offset, modulus);
    }

    private static String padded(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(width - digits.length()) + digits;
    }
}
