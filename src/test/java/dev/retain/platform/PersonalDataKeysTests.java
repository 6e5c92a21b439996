package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.IntegrationTest;
import dev.retain.platform.keys.KeyRing;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class PersonalDataKeysTests {

    @Autowired
    ObjectProvider<JdbcClient> jdbc;

    @Autowired
    PersonalDataKeys keys;

    @Test
    void anInstanceWithOtherKeysThanTheDatabaseWasEncryptedWithRefusesToStart(@TempDir Path data) {
        String other = KeyRing.generate(new SecureRandom()).format();
        var stranger = new PersonalDataKeys(other, data.resolve("keys/personal-data.keys"), jdbc);

        assertThatThrownBy(stranger::checkAgainstDatabase)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not the one the database's personal data was encrypted with")
                .hasMessageContaining("RETAIN_PERSONAL_DATA_KEYS");
    }

    @Test
    void theSameKeysFromTheConfigurationPassTheCheckAndNeverReachTheDatabase() {
        var same = new PersonalDataKeys(keys.ring().format(), Path.of("unused"), jdbc);

        same.checkAgainstDatabase();

        assertThat(same.source()).isEqualTo(PersonalDataKeys.Source.CONFIGURATION);
        String stored = jdbc.getObject()
                .sql("select string_agg(encode(check_value, 'base64'), ' ') from personal_data_key_checks")
                .query(String.class)
                .single();
        for (String key : keys.ring().format().split("\\s+")) {
            if (key.startsWith("key.") || key.startsWith("blind-index=")) {
                assertThat(stored).doesNotContain(key.substring(key.indexOf('=') + 1, key.indexOf('=') + 20));
            }
        }
    }
}
