package dev.retain.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;

class PhonePrefixTests {

    @Test
    void aNumberKeepsItsCallingCodeAndTheFirstThreeDigitsAfterIt() {
        assertThat(PhonePrefix.of("+8613812345678")).isEqualTo("+86 138");
        assertThat(PhonePrefix.of("+14155552671")).isEqualTo("+1 415");
        assertThat(PhonePrefix.of("+85291234567")).isEqualTo("+852 912");
        assertThat(PhonePrefix.of("+442071838750")).isEqualTo("+44 207");
        assertThat(PhonePrefix.of(null)).isNull();
    }

    @Test
    void callingCodesAreToldApartAsE164AssignsThem() {
        for (int code : PhoneNumberUtil.getInstance().getSupportedCallingCodes()) {
            String digits = String.valueOf(code);
            String prefix = PhonePrefix.of("+" + digits + "2345678");
            assertThat(prefix).as("calling code " + code).startsWith("+" + digits + " ");
        }
    }

    @Test
    void maskedNumbersShowTheirFirstThreeAndLastFourDigits() {
        assertThat(ContactMasking.mask(SensitiveField.PHONE, "+8613812345678")).isEqualTo("138****5678");
        assertThat(ContactMasking.mask(SensitiveField.PHONE, "+14155552671")).isEqualTo("+1 415***2671");
        assertThat(ContactMasking.mask(SensitiveField.EMAIL, "zhang.san@example.com"))
                .isEqualTo("z***@example.com");
    }
}
