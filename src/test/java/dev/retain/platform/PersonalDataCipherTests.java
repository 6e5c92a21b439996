package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.platform.keys.KeyRing;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTests {

    final SecureRandom random = new SecureRandom();
    final KeyRing ring = KeyRing.generate(random);
    final PersonalDataCipher cipher = PersonalDataCipher.of(ring);

    @Test
    void aSealedValueOpensInItsOwnContextOnly() {
        byte[] sealed = cipher.seal("+8613812345678", "customers.phone:42");

        assertThat(cipher.open(sealed, "customers.phone:42")).isEqualTo("+8613812345678");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("13812345678");
        assertThatThrownBy(() -> cipher.open(sealed, "customers.phone:43"))
                .as("moved to another customer's row")
                .isInstanceOf(PersonalDataException.class)
                .hasMessageContaining("belongs to another row or column");
        assertThatThrownBy(() -> cipher.open(sealed, "customers.email:42"))
                .as("moved to another column")
                .isInstanceOf(PersonalDataException.class);
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        byte[] first = cipher.seal("a@example.com", "c");
        byte[] second = cipher.seal("a@example.com", "c");

        assertThat(Arrays.equals(first, second)).isFalse();
        assertThat(cipher.open(second, "c")).isEqualTo("a@example.com");
    }

    @Test
    void anyChangedByteIsDetected() {
        byte[] sealed = cipher.seal("a@example.com", "c");
        for (int i = 3; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.open(tampered, "c"))
                    .as("byte " + i)
                    .isInstanceOf(PersonalDataException.class);
        }
        byte[] truncated = Arrays.copyOf(sealed, sealed.length - 1);
        assertThatThrownBy(() -> cipher.open(truncated, "c")).isInstanceOf(PersonalDataException.class);
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        byte[] sealed = cipher.seal("a@example.com", "c");
        var other = PersonalDataCipher.of(KeyRing.generate(random));

        assertThatThrownBy(() -> other.open(sealed, "c"))
                .isInstanceOf(PersonalDataException.class)
                .hasMessageContaining("key 1 is wrong");
    }

    @Test
    void afterRotationNewValuesUseTheNewKeyAndOldOnesStillOpen() {
        byte[] old = cipher.seal("a@example.com", "c");
        var rotated = PersonalDataCipher.of(ring.withNewActiveKey(random));

        byte[] fresh = rotated.seal("b@example.com", "c");

        assertThat(PersonalDataCipher.keyVersionOf(old)).isEqualTo(1);
        assertThat(PersonalDataCipher.keyVersionOf(fresh)).isEqualTo(2);
        assertThat(rotated.open(old, "c")).isEqualTo("a@example.com");
        assertThatThrownBy(() -> cipher.open(fresh, "c"))
                .isInstanceOf(PersonalDataException.class)
                .hasMessageContaining("encrypted with key 2, which this instance does not have");
    }

    @Test
    void theKeyNumberCannotBeChangedToAnotherKnownKey() {
        var rotated = PersonalDataCipher.of(ring.withNewActiveKey(random));
        byte[] sealed = rotated.seal("a@example.com", "c");
        sealed[2] = 1;

        assertThatThrownBy(() -> rotated.open(sealed, "c")).isInstanceOf(PersonalDataException.class);
    }

    @Test
    void blindIndexesAreEqualForEqualValuesAndDifferPerPurposeAndKey() {
        byte[] one = cipher.blindIndex("phone", "+8613812345678");

        assertThat(one).hasSize(32).isEqualTo(cipher.blindIndex("phone", "+8613812345678"));
        assertThat(one).isNotEqualTo(cipher.blindIndex("phone", "+8613812345679"));
        assertThat(one).isNotEqualTo(cipher.blindIndex("email", "+8613812345678"));
        assertThat(one)
                .as("rotating the encryption key keeps blind indexes")
                .isEqualTo(PersonalDataCipher.of(ring.withNewActiveKey(random)).blindIndex("phone", "+8613812345678"));
        assertThat(one)
                .isNotEqualTo(PersonalDataCipher.of(KeyRing.generate(random)).blindIndex("phone", "+8613812345678"));
    }
}
