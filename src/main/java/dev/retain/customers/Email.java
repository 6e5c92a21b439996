package dev.retain.customers;

import java.util.Locale;
import java.util.regex.Pattern;

/** An email address, trimmed and lower-cased, with a plausible shape (local@domain.tld). */
public record Email(String address) {

    private static final Pattern SHAPE = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");

    public Email {
        if (address == null || address.length() > 254 || !SHAPE.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + address + "' is not a valid email address");
        }
    }

    /** @throws IllegalArgumentException saying why when it is not an address */
    public static Email parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        return new Email(raw.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return address;
    }
}
