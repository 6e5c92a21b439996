package dev.retain.customers;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether two customers share a phone or an email, compared as stored: by their blind indexes when a field is
 * encrypted (a plain value is indexed to compare it with a sealed one), so no value is decrypted. For guards against
 * one person acting as two, such as referring oneself.
 */
@Component
public class ContactOverlap {

    private record Stored(String phone, byte[] phoneBidx, String email, byte[] emailBidx) {}

    private final JdbcClient jdbc;
    private final SealedContacts sealed;

    ContactOverlap(JdbcClient jdbc, SealedContacts sealed) {
        this.jdbc = jdbc;
        this.sealed = sealed;
    }

    /** The contact fields the two customers have in common; empty when none, or when either is unknown. */
    public Set<SensitiveField> shared(long one, long other) {
        List<Stored> both = jdbc.sql("select phone, phone_bidx, email, email_bidx from customers where id in (?, ?)")
                .params(one, other)
                .query((rs, row) -> new Stored(rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getBytes(4)))
                .list();
        Set<SensitiveField> shared = EnumSet.noneOf(SensitiveField.class);
        if (both.size() != 2) {
            return shared;
        }
        Stored a = both.get(0);
        Stored b = both.get(1);
        if (same(SensitiveField.PHONE, a.phone(), a.phoneBidx(), b.phone(), b.phoneBidx())) {
            shared.add(SensitiveField.PHONE);
        }
        if (same(SensitiveField.EMAIL, a.email(), a.emailBidx(), b.email(), b.emailBidx())) {
            shared.add(SensitiveField.EMAIL);
        }
        return shared;
    }

    private boolean same(SensitiveField field, String plainA, byte[] indexA, String plainB, byte[] indexB) {
        if (plainA != null && plainB != null) {
            return plainA.equals(plainB);
        }
        byte[] a = indexA != null ? indexA : plainA == null ? null : sealed.blindIndex(field, plainA);
        byte[] b = indexB != null ? indexB : plainB == null ? null : sealed.blindIndex(field, plainB);
        return a != null && b != null && Arrays.equals(a, b);
    }
}
