package dev.retain.platform;

import dev.retain.platform.keys.KeyFile;
import dev.retain.platform.keys.KeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the personal-data keys come from: {@code RETAIN_PERSONAL_DATA_KEYS} when set, else the key file under the
 * data folder ({@code data/keys/personal-data.keys}), made at the first start with a fresh random key. Keys never go
 * into the database; what does is a check value per key (an HMAC of a constant under it), so an instance started with
 * other keys than those the data was encrypted with refuses to start instead of writing values nobody else can read.
 */
@Component
public class PersonalDataKeys {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeys.class);
    private static final byte[] CHECKED = "retain personal-data key check".getBytes(StandardCharsets.UTF_8);
    private static final int BLIND_INDEX = 0;

    /** Where the keys were read from. */
    public enum Source {
        FILE,
        CONFIGURATION
    }

    private final Source source;
    private final KeyFile file;
    private final ObjectProvider<JdbcClient> jdbc;
    private final SecureRandom random = new SecureRandom();
    private volatile KeyRing ring;

    @Autowired
    PersonalDataKeys(
            @Value("${retain.personal-data.keys:}") String configured,
            @Value("${retain.personal-data.key-file}") Path keyFile,
            ObjectProvider<JdbcClient> jdbc) {
        this.jdbc = jdbc;
        this.file = new KeyFile(keyFile);
        if (configured.isBlank()) {
            this.source = Source.FILE;
            this.ring = file.readOrCreate(random);
        } else {
            this.source = Source.CONFIGURATION;
            try {
                this.ring = KeyRing.parse(configured);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("RETAIN_PERSONAL_DATA_KEYS is not valid: " + e.getMessage());
            }
        }
    }

    private PersonalDataKeys(KeyRing ring) {
        this.source = Source.CONFIGURATION;
        this.file = null;
        this.jdbc = null;
        this.ring = ring;
    }

    static PersonalDataKeys fixed(KeyRing ring) {
        return new PersonalDataKeys(ring);
    }

    KeyRing ring() {
        return ring;
    }

    /** The number of the key new values are encrypted with. */
    public int activeVersion() {
        return ring.active();
    }

    /** The numbers of the keys this instance has. */
    public java.util.Set<Integer> versions() {
        return ring.keys().keySet();
    }

    public Source source() {
        return source;
    }

    /** The key file, when the keys come from one. */
    public Path file() {
        return source == Source.FILE ? file.path() : null;
    }

    /**
     * Adds a fresh key to the key file and makes it the one new values are encrypted with; values under older keys
     * stay readable until re-encrypted. Keys given in the configuration are changed there instead.
     *
     * @return the new key's number
     * @throws ConflictException when the keys come from the configuration
     */
    public synchronized int addKey() {
        if (source != Source.FILE) {
            throw new ConflictException("The keys come from RETAIN_PERSONAL_DATA_KEYS: add a key there (key.N=…), make"
                    + " it active (active=N) on every instance and restart them, then re-encrypt");
        }
        KeyRing next = ring.withNewActiveKey(random);
        file.write(next, true);
        ring = next;
        checkAgainstDatabase();
        log.info("Personal-data key {} added to {} and made active", next.active(), file.path());
        return next.active();
    }

    /** Records each key's check value, and refuses keys that differ from those recorded by another instance. */
    @EventListener(ApplicationStartedEvent.class)
    void checkAgainstDatabase() {
        JdbcClient db = jdbc.getObject();
        Map<Integer, byte[]> mine = new HashMap<>();
        ring.keys().forEach((version, key) -> mine.put(version, check(key)));
        mine.put(BLIND_INDEX, check(ring.blindIndexKey()));
        mine.forEach((version, check) -> db.sql("""
                        insert into personal_data_key_checks (version, check_value, recorded_at)
                        values (?, ?, now()) on conflict (version) do nothing""").params(version, check).update());
        var unknown = new TreeSet<Integer>();
        db.sql("select version, check_value from personal_data_key_checks")
                .query((rs, row) -> {
                    int version = rs.getInt(1);
                    byte[] recorded = rs.getBytes(2);
                    byte[] own = mine.get(version);
                    if (own == null) {
                        unknown.add(version);
                    } else if (!MessageDigest.isEqual(own, recorded)) {
                        throw new IllegalStateException(
                                (version == BLIND_INDEX ? "The blind-index key" : "Key " + version)
                                        + " of this instance (" + describe()
                                        + ") is not the one the database's personal"
                                        + " data was encrypted with. Give every instance the same keys: copy the key file of"
                                        + " the first instance, or set RETAIN_PERSONAL_DATA_KEYS on all of them");
                    }
                    return version;
                })
                .list();
        if (!unknown.isEmpty()) {
            log.warn(
                    "The database knows personal-data key(s) {} that this instance ({}) does not have: values"
                            + " encrypted with them cannot be read here",
                    unknown,
                    describe());
        }
    }

    private String describe() {
        return source == Source.FILE ? "key file " + file.path() : "RETAIN_PERSONAL_DATA_KEYS";
    }

    private static byte[] check(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(CHECKED), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
