package dev.retain.platform.keys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The personal-data keys: numbered AES-256 keys, one of them active (new values are encrypted with it, older ones stay
 * readable with theirs), and one HMAC key for blind indexes, which no rotation changes. Written and read as
 * {@code name=value} lines ({@code active=2}, {@code key.1=…}, {@code key.2=…}, {@code blind-index=…}, values in
 * Base64); the same pairs may be given on one line separated by spaces, commas or semicolons.
 */
public record KeyRing(SortedMap<Integer, byte[]> keys, int active, byte[] blindIndexKey) {

    static final int KEY_BYTES = 32;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
    private static final Pattern KEY_NAME = Pattern.compile("key\\.([1-9]\\d{0,4})");

    public KeyRing {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no encryption key (key.1=…)");
        }
        if (!keys.containsKey(active)) {
            throw new IllegalArgumentException("the active key " + active + " is not among the keys " + keys.keySet());
        }
        keys.forEach((version, key) -> requireLength("key." + version, key));
        requireLength("blind-index", blindIndexKey);
        keys = Collections.unmodifiableSortedMap(new TreeMap<>(keys));
    }

    /** A ring with one fresh random key and a fresh blind-index key. */
    public static KeyRing generate(SecureRandom random) {
        var keys = new TreeMap<Integer, byte[]>();
        keys.put(1, fresh(random));
        return new KeyRing(keys, 1, fresh(random));
    }

    /** The same ring with a fresh key one above the highest, made active. */
    public KeyRing withNewActiveKey(SecureRandom random) {
        var more = new TreeMap<>(keys);
        int version = keys.lastKey() + 1;
        more.put(version, fresh(random));
        return new KeyRing(more, version, blindIndexKey);
    }

    /**
     * Reads the {@code name=value} pairs; {@code active} may be left out when there is one key.
     *
     * @throws IllegalArgumentException naming what is wrong (never showing a key)
     */
    public static KeyRing parse(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            for (String pair : SEPARATORS.split(content)) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("expected name=value, found '" + shown(pair) + "'");
                }
                pairs.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        var keys = new TreeMap<Integer, byte[]>();
        byte[] blindIndex = null;
        Integer active = null;
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            String name = pair.getKey();
            var version = KEY_NAME.matcher(name);
            if (version.matches()) {
                keys.put(Integer.parseInt(version.group(1)), decode(name, pair.getValue()));
            } else if (name.equals("blind-index")) {
                blindIndex = decode(name, pair.getValue());
            } else if (name.equals("active")) {
                try {
                    active = Integer.parseInt(pair.getValue());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("active must be a key number, not '" + pair.getValue() + "'");
                }
            } else {
                throw new IllegalArgumentException(
                        "unknown entry '" + name + "' (expected active, key.N and blind-index)");
            }
        }
        if (blindIndex == null) {
            throw new IllegalArgumentException("no blind-index key (blind-index=…)");
        }
        if (active == null && keys.size() > 1) {
            throw new IllegalArgumentException("several keys and no active=N saying which encrypts");
        }
        return new KeyRing(keys, active != null ? active : keys.isEmpty() ? 0 : keys.firstKey(), blindIndex);
    }

    /** The ring as the lines of a key file. */
    public String format() {
        var text = new StringBuilder();
        text.append("# Retain personal-data keys. Keep this file secret and back it up apart from the database:\n");
        text.append("# without it the encrypted phone numbers and email addresses cannot be read.\n");
        text.append("active=").append(active).append('\n');
        keys.forEach((version, key) -> text.append("key.")
                .append(version)
                .append('=')
                .append(Base64.getEncoder().encodeToString(key))
                .append('\n'));
        text.append("blind-index=")
                .append(Base64.getEncoder().encodeToString(blindIndexKey))
                .append('\n');
        return text.toString();
    }

    public byte[] activeKey() {
        return keys.get(active);
    }

    private static byte[] fresh(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    private static byte[] decode(String name, String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not Base64");
        }
    }

    private static void requireLength(String name, byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(name + " must be " + KEY_BYTES + " bytes (256 bits) in Base64, not "
                    + (key == null ? 0 : key.length) + " bytes");
        }
    }

    private static String shown(String pair) {
        return pair.length() > 12 ? pair.substring(0, 12) + "…" : pair;
    }

    @Override
    public String toString() {
        return "KeyRing[versions=" + keys.keySet() + ", active=" + active + "]";
    }
}
