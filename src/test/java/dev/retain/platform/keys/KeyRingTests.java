package dev.retain.platform.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTests {

    final SecureRandom random = new SecureRandom();

    @Test
    void aRingSurvivesItsOwnFormat() {
        KeyRing ring = KeyRing.generate(random).withNewActiveKey(random);

        KeyRing read = KeyRing.parse(ring.format());

        assertThat(read.active()).isEqualTo(2);
        assertThat(read.keys().keySet()).containsExactly(1, 2);
        assertThat(read.keys().get(1)).isEqualTo(ring.keys().get(1));
        assertThat(read.blindIndexKey()).isEqualTo(ring.blindIndexKey());
    }

    @Test
    void keysGivenOnOneLineAsInAnEnvironmentVariableAreRead() {
        String one = key();
        String two = key();
        String blind = key();

        KeyRing ring = KeyRing.parse("active=2; key.1=" + one + " key.2=" + two + ",blind-index=" + blind);

        assertThat(ring.active()).isEqualTo(2);
        assertThat(ring.activeKey()).isEqualTo(Base64.getDecoder().decode(two));
    }

    @Test
    void mistakesAreNamedWithoutShowingAKey() {
        String secret = key();
        assertThatThrownBy(() -> KeyRing.parse("key.1=" + secret)).hasMessage("no blind-index key (blind-index=…)");
        assertThatThrownBy(() -> KeyRing.parse("key.1=" + secret + " key.2=" + key() + " blind-index=" + key()))
                .hasMessageContaining("no active=N");
        assertThatThrownBy(() -> KeyRing.parse("active=3 key.1=" + secret + " blind-index=" + key()))
                .hasMessageContaining("the active key 3 is not among the keys [1]");
        assertThatThrownBy(() -> KeyRing.parse("key.1=c2hvcnQ= blind-index=" + key()))
                .hasMessageContaining("key.1 must be 32 bytes");
        assertThatThrownBy(() -> KeyRing.parse("key.1=" + secret + " blind-index=" + key() + " colour=blue"))
                .hasMessageContaining("unknown entry 'colour'");
        assertThat(KeyRing.generate(random).toString()).doesNotContain(secret);
    }

    @Test
    void theKeyFileIsMadeOnceReadableByItsOwnerOnly(@TempDir Path data) throws IOException {
        var file = new KeyFile(data.resolve("keys/personal-data.keys"));

        KeyRing made = file.readOrCreate(random);
        KeyRing again = file.readOrCreate(random);

        assertThat(again.activeKey()).isEqualTo(made.activeKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file.path().getParent())))
                .isEqualTo("rwx------");

        file.write(made.withNewActiveKey(random), true);

        assertThat(file.read().active()).isEqualTo(2);
        assertThat(file.read().keys().get(1)).isEqualTo(made.activeKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
                .isEqualTo("rw-------");
    }

    private String key() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
