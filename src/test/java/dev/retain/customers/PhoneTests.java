package dev.retain.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "13812345678",
                "138 1234 5678",
                "138-1234-5678",
                "+86 138 1234 5678",
                "+8613812345678",
                "86-13812345678",
                "8613812345678",
                "(+86)13812345678",
                "008613812345678",
                "１３８１２３４５６７８",
                " 138 1234 5678 "
            })
    void aChineseMobileTypedAnyWayIsOneE164Number(String typed) {
        assertThat(Phone.parse(typed, "CN").e164()).isEqualTo("+8613812345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"021-62345678", "(021) 6234 5678", "+86 21 6234 5678"})
    void aShanghaiLandlineKeepsItsAreaCode(String typed) {
        assertThat(Phone.parse(typed, "CN").e164()).isEqualTo("+862162345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 415-555-0134", "+44 20 7946 0958"})
    void foreignNumbersWithACountryCodeAreKept(String typed) {
        assertThat(Phone.parse(typed, "CN").e164()).startsWith("+" + typed.substring(1, typed.indexOf(' ')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "not a phone", "1381234567", "+86 000 0000 0000"})
    void whatIsNotAValidNumberIsRejectedWithTheReason(String typed) {
        assertThatThrownBy(() -> Phone.parse(typed, "CN"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(typed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyValueIsNotANumber(String typed) {
        assertThatThrownBy(() -> Phone.parse(typed, "CN")).hasMessage("is empty");
    }
}
