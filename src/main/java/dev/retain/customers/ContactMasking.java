package dev.retain.customers;

import dev.retain.platform.Role;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Masks sensitive fields for the people who do not see contact data in full: {@code 138****5678},
 * {@code z***@example.com}. Whoever has a role among the full-view roles sees them; work with nobody behind it (jobs,
 * workers sending messages, the demo) sees them too. Masking changes what is shown, never what is stored.
 */
@Component
class ContactMasking {

    private final PersonalDataSettings settings;

    ContactMasking(PersonalDataSettings settings) {
        this.settings = settings;
    }

    /** The fields the person asking sees masked. */
    Set<SensitiveField> maskedForViewer() {
        PersonalDataSettings.Snapshot snapshot = settings.now();
        if (snapshot.sensitive().isEmpty()) {
            return Set.of();
        }
        Authentication viewer = SecurityContextHolder.getContext().getAuthentication();
        if (viewer == null || !viewer.isAuthenticated() || viewer instanceof AnonymousAuthenticationToken) {
            return Set.of();
        }
        boolean full = viewer.getAuthorities().stream()
                .anyMatch(authority ->
                        snapshot.fullView().stream().map(Role::authority).anyMatch(authority.getAuthority()::equals));
        return full ? Set.of() : EnumSet.copyOf(snapshot.sensitive());
    }

    /** The fields that are sensitive: masked in the audit log whoever acts, so it never holds them in full. */
    Set<SensitiveField> maskedForAudit() {
        return settings.now().sensitive();
    }

    Customer masked(Customer customer, Set<SensitiveField> masked) {
        if (masked.isEmpty() || (customer.phone() == null && customer.email() == null)) {
            return customer;
        }
        return customer.withContact(
                masked.contains(SensitiveField.PHONE) ? mask(SensitiveField.PHONE, customer.phone()) : customer.phone(),
                masked.contains(SensitiveField.EMAIL)
                        ? mask(SensitiveField.EMAIL, customer.email())
                        : customer.email());
    }

    /** {@code 138****5678} of {@code +8613812345678}; {@code +1 415***2671} of a number elsewhere. */
    static String mask(SensitiveField field, String value) {
        if (value == null) {
            return null;
        }
        return field == SensitiveField.PHONE ? maskPhone(value) : maskEmail(value);
    }

    /** Whether the value is what {@link #mask} shows of {@code stored}: a masked value sent back unchanged. */
    static boolean isMaskOf(SensitiveField field, String value, String stored) {
        return value != null && stored != null && value.strip().equals(mask(field, stored));
    }

    private static String maskPhone(String e164) {
        String prefix = PhonePrefix.of(e164);
        String code = prefix.substring(1, prefix.indexOf(' '));
        String national = e164.substring(1 + code.length());
        if (national.length() <= 7) {
            return (code.equals("86") ? "" : "+" + code + " ")
                    + "*".repeat(national.length() - 4)
                    + national.substring(national.length() - 4);
        }
        return (code.equals("86") ? "" : "+" + code + " ")
                + national.substring(0, 3)
                + "*".repeat(national.length() - 7)
                + national.substring(national.length() - 4);
    }

    private static String maskEmail(String email) {
        int at = email.indexOf('@');
        return email.charAt(0) + "***" + email.substring(at);
    }
}
