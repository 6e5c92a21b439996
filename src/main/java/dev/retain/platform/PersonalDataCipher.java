package dev.retain.platform;

import dev.retain.platform.keys.KeyRing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts personal data at rest and computes its blind indexes. Values are sealed with AES-256-GCM under the active
 * key and a random 96-bit nonce; the stored value carries its key's number, so values sealed under older keys stay
 * readable, and the caller's context (table, column, row) is bound in as associated data, so a value copied to
 * another column or row does not open. A blind index is an HMAC-SHA256 of the normalised value under a key of its own:
 * equal values give equal indexes, so exact lookups work without the value.
 *
 * <p>The keys come from {@code RETAIN_PERSONAL_DATA_KEYS} or from the key file under the data folder (made at the first
 * start), never from the database; see {@link PersonalDataKeys}.
 */
@Component
public class PersonalDataCipher {

    private static final byte FORMAT = 1;
    private static final int HEADER = 3;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final PersonalDataKeys keys;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, SecretKeySpec> aesKeys = new ConcurrentHashMap<>();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> instance("AES/GCM/NoPadding"));
    private final ThreadLocal<Mac> macs;

    PersonalDataCipher(PersonalDataKeys keys) {
        this.keys = keys;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(keys.ring().blindIndexKey(), "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
    }

    /** Builds a cipher on keys given directly, for tools and tests that run without the application. */
    public static PersonalDataCipher of(KeyRing ring) {
        return new PersonalDataCipher(PersonalDataKeys.fixed(ring));
    }

    /**
     * Seals {@code plaintext} under the active key, bound to {@code context} (e.g. {@code "customers.phone:42"}): the
     * same context must be given to open it.
     */
    public byte[] seal(String plaintext, String context) {
        KeyRing ring = keys.ring();
        int version = ring.active();
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] header = header(version);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, aesKey(ring, version), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(HEADER + NONCE + sealed.length)
                    .put(header)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to encrypt", e);
        }
    }

    /**
     * Opens a sealed value.
     *
     * @throws PersonalDataException when it was sealed for another context, changed, or under a key this instance does
     *     not have
     */
    public String open(byte[] sealed, String context) {
        if (sealed.length < HEADER + NONCE + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new PersonalDataException("Cannot decrypt " + context + ": not a sealed value");
        }
        int version = keyVersionOf(sealed);
        KeyRing ring = keys.ring();
        if (!ring.keys().containsKey(version)) {
            throw new PersonalDataException("Cannot decrypt " + context + ": it was encrypted with key " + version
                    + ", which this instance does not have (it has "
                    + ring.keys().keySet() + ")");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(
                    Cipher.DECRYPT_MODE, aesKey(ring, version), new GCMParameterSpec(TAG_BITS, sealed, HEADER, NONCE));
            cipher.updateAAD(sealed, 0, HEADER);
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(
                    cipher.doFinal(sealed, HEADER + NONCE, sealed.length - HEADER - NONCE), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new PersonalDataException("Cannot decrypt " + context
                    + ": the value was changed, belongs to another row or column, or key " + version + " is wrong");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to decrypt", e);
        }
    }

    /** The number of the key a value was sealed with. */
    public static int keyVersionOf(byte[] sealed) {
        return ((sealed[1] & 0xff) << 8) | (sealed[2] & 0xff);
    }

    /** The number of the key new values are sealed with. */
    public int activeKeyVersion() {
        return keys.ring().active();
    }

    /**
     * The blind index of a normalised value for one purpose ({@code "phone"}, {@code "email"}, {@code "phone-last4"}):
     * the same value gives different indexes for different purposes.
     */
    public byte[] blindIndex(String purpose, String normalised) {
        Mac mac = macs.get();
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
    }

    private SecretKeySpec aesKey(KeyRing ring, int version) {
        return aesKeys.computeIfAbsent(
                version, v -> new SecretKeySpec(ring.keys().get(v), "AES"));
    }

    private static byte[] header(int version) {
        return new byte[] {FORMAT, (byte) (version >>> 8), (byte) version};
    }

    private static Cipher instance(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " is not available", e);
        }
    }
}
