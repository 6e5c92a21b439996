package dev.retain.messaging;

import dev.retain.platform.PersonalDataCipher;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an erased customer chose, or what their address did, kept for the address alone: an unsubscribe or a bounce,
 * by a blind index of the email address or phone number. A customer who comes back with that address (imported again,
 * say) is suppressed again before anything is sent to them, though nothing of the erased person was kept.
 */
@Component
class ErasedSuppressions {

    private static final String PURPOSE = "erased-suppression";

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    ErasedSuppressions(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    void remember(Channel channel, String address, SuppressionReason reason) {
        jdbc.sql("""
                        insert into erased_suppressions (channel, address_index, reason, at) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(channel.name(), index(channel, address), reason.name(), Timestamp.from(clock.instant()))
                .update();
    }

    /** Why the address may not be messaged on the channel, if an erased customer left that behind. */
    Optional<SuppressionReason> of(Channel channel, String address) {
        if (channel == Channel.WEBHOOK || address == null) {
            return Optional.empty();
        }
        return jdbc.sql("select reason from erased_suppressions where channel = ? and address_index = ?")
                .params(channel.name(), index(channel, address))
                .query((rs, row) -> SuppressionReason.valueOf(rs.getString(1)))
                .optional();
    }

    private byte[] index(Channel channel, String address) {
        String normalised = channel == Channel.EMAIL ? address.strip().toLowerCase(Locale.ROOT) : address.strip();
        return cipher.blindIndex(PURPOSE, channel.name() + ":" + normalised);
    }
}
