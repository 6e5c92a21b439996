package dev.retain.customers;

import dev.retain.platform.PersonalDataCipher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * How phone numbers and email addresses are stored when their field is sensitive, and read back in either form. A
 * customer's value is sealed bound to its column and the customer's id; a contact person's to the contact's id; an
 * identity's to its blind index, since identities move between customers in merges. An encrypted identity keeps as
 * its value a token made of the blind index ({@code #} and Base64), never the phone or address.
 */
@Component
class SealedContacts {

    /** The columns of {@code customers} holding phone and email, in the order of {@link Columns#values()}. */
    static final String COLUMN_NAMES = "phone, phone_cipher, phone_bidx, phone_last4_bidx, phone_prefix,"
            + " email, email_cipher, email_bidx, email_domain";

    static final String LAST_FOUR = "phone-last4";
    private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

    /** A customer's phone and email as stored: plain, or sealed with their blind indexes and derived columns. */
    record Columns(
            String phone,
            byte[] phoneCipher,
            byte[] phoneBidx,
            byte[] phoneLast4Bidx,
            String phonePrefix,
            String email,
            byte[] emailCipher,
            byte[] emailBidx,
            String emailDomain) {

        List<Object> values() {
            var values = new ArrayList<Object>(9);
            values.add(phone);
            values.add(phoneCipher);
            values.add(phoneBidx);
            values.add(phoneLast4Bidx);
            values.add(phonePrefix);
            values.add(email);
            values.add(emailCipher);
            values.add(emailBidx);
            values.add(emailDomain);
            return values;
        }
    }

    private final PersonalDataCipher cipher;

    SealedContacts(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    /** How a customer's phone and email (clean, or null) are stored with these fields sensitive. */
    Columns columns(long customerId, String phone, String email, Set<SensitiveField> sensitive) {
        boolean sealPhone = phone != null && sensitive.contains(SensitiveField.PHONE);
        boolean sealEmail = email != null && sensitive.contains(SensitiveField.EMAIL);
        return new Columns(
                sealPhone ? null : phone,
                sealPhone ? cipher.seal(phone, context(customerId, SensitiveField.PHONE)) : null,
                sealPhone ? blindIndex(SensitiveField.PHONE, phone) : null,
                sealPhone ? lastFourIndex(PhonePrefix.lastFour(phone)) : null,
                sealPhone ? PhonePrefix.of(phone) : null,
                sealEmail ? null : email,
                sealEmail ? cipher.seal(email, context(customerId, SensitiveField.EMAIL)) : null,
                sealEmail ? blindIndex(SensitiveField.EMAIL, email) : null,
                sealEmail ? domainOf(email) : null);
    }

    /** A customer's value in whichever form it is stored. */
    String open(long customerId, SensitiveField field, String plain, byte[] sealed) {
        return sealed == null ? plain : cipher.open(sealed, context(customerId, field));
    }

    /** Whether a customer's stored value was sealed under another key than the active one. */
    boolean underOldKey(byte[] sealed) {
        return sealed != null && PersonalDataCipher.keyVersionOf(sealed) != cipher.activeKeyVersion();
    }

    int activeKeyVersion() {
        return cipher.activeKeyVersion();
    }

    byte[] blindIndex(SensitiveField field, String value) {
        return cipher.blindIndex(field.column(), value);
    }

    byte[] lastFourIndex(String digits) {
        return cipher.blindIndex(LAST_FOUR, digits);
    }

    /** The value an identity of an encrypted field is kept under: its blind index as a token. */
    String token(SensitiveField field, String value) {
        return tokenOf(blindIndex(field, value));
    }

    static String tokenOf(byte[] blindIndex) {
        return "#" + TOKEN.encodeToString(blindIndex);
    }

    static boolean isToken(String value) {
        return value.startsWith("#");
    }

    byte[] sealIdentity(SensitiveField field, String token, String value) {
        return cipher.seal(value, "customer_identities." + field.column() + ":" + token);
    }

    /** An identity's value: its own for plain ones, opened for those kept under a token. */
    String openIdentity(String kind, String value, byte[] sealed) {
        return sealed == null ? value : cipher.open(sealed, "customer_identities." + kind + ":" + value);
    }

    byte[] sealContact(long contactId, SensitiveField field, String value) {
        return cipher.seal(value, "contacts." + field.column() + ":" + contactId);
    }

    String openContact(long contactId, SensitiveField field, String plain, byte[] sealed) {
        return sealed == null ? plain : cipher.open(sealed, "contacts." + field.column() + ":" + contactId);
    }

    static String domainOf(String email) {
        return email.substring(email.indexOf('@') + 1);
    }

    private static String context(long customerId, SensitiveField field) {
        return "customers." + field.column() + ":" + customerId;
    }
}
