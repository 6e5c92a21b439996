package dev.retain.ingest.cleansing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountReaderTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "1234.5 | 1234.5",
                "1234 | 1234",
                "0.10 | 0.10",
                ".5 | 0.5",
                "007 | 7",
                "+12 | 12",
                "1,234.50 | 1234.50",
                "12,345,678 | 12345678",
                "1 234.50 | 1234.50",
                "1'234.50 | 1234.50",
                "1\u00A0234.50 | 1234.50",
                "12345678901234567890.123 | 12345678901234567890.123"
            })
    void readsNumbersKeepingTheScaleTheyWereWrittenWith(String typed, BigDecimal expected) {
        assertThat(AmountReader.read(typed)).isEqualTo(new Amount(expected, null));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "-12.00 | -12.00",
                "(12.00) | -12.00",
                "（12.00） | -12.00",
                "( 1,234.50 ) | -1234.50",
                "\u221212 | -12"
            })
    void readsNegativesWithAMinusOrAccountingBrackets(String typed, BigDecimal expected) {
        assertThat(AmountReader.read(typed).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "¥1,234.50 | 1234.50 | CNY",
                "￥１，２３４．５０ | 1234.50 | CNY",
                "1234元 | 1234 | CNY",
                "1,234.00 元 | 1234.00 | CNY",
                "RMB 100 | 100 | CNY",
                "rmb100 | 100 | CNY",
                "人民币100 | 100 | CNY",
                "CNY 100 | 100 | CNY",
                "100 CNY | 100 | CNY",
                "-¥12 | -12 | CNY",
                "¥-12 | -12 | CNY",
                "(¥12.00) | -12.00 | CNY",
                "$12 | 12 | USD",
                "US$12 | 12 | USD",
                "USD 12 | 12 | USD",
                "12美元 | 12 | USD",
                "€12,50 | 12.50 | EUR",
                "12,50 € | 12.50 | EUR",
                "EUR 12.50 | 12.50 | EUR",
                "1.234,56 € | 1234.56 | EUR",
                "1 234,56 € | 1234.56 | EUR",
                "€1,234.56 | 1234.56 | EUR",
                "€1,234 | 1234 | EUR",
                "£5 | 5 | GBP",
                "HK$10 | 10 | HKD",
                "HKD 10 | 10 | HKD",
                "10港币 | 10 | HKD",
                "JPY 100 | 100 | JPY",
                "100円 | 100 | JPY",
                "100日元 | 100 | JPY",
                "SGD 25.90 | 25.90 | SGD"
            })
    void readsTheCurrencyFromSignsCodesAndChineseWords(String typed, BigDecimal value, String currency) {
        assertThat(AmountReader.read(typed)).isEqualTo(new Amount(value, currency));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "1.2万 | 12000 |",
                "3亿 | 300000000 |",
                "1.23456万 | 12345.6 |",
                "1.5万元 | 15000 | CNY",
                "¥ 2 万 | 20000 | CNY",
                "-0.5亿 | -50000000 |"
            })
    void multipliesByWanAndYi(String typed, BigDecimal value, String currency) {
        assertThat(AmountReader.read(typed)).isEqualTo(new Amount(value, currency));
    }

    @Test
    void leavesTheCurrencyOutWhenTheTextDoesNotSayIt() {
        assertThat(AmountReader.read("1,234.50").currency()).isNull();
    }

    @Test
    void aDecimalCommaIsOnlyForEuros() {
        assertThatThrownBy(() -> AmountReader.read("12,50")).hasMessage("'12,50' is not an amount");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "12abc",
                "12 34",
                "1,23,4",
                "1,2345",
                "1234,567",
                "1,234 567",
                "1.2.3",
                "1,234.5,6",
                "--12",
                "-(12)",
                "(12",
                "12)",
                "()",
                "¥",
                "元",
                "USD",
                "XYZ 12",
                "12 dollars",
                "12%",
                "1 2",
                "12-"
            })
    void rejectsWhatIsNotAnAmount(String typed) {
        assertThatThrownBy(() -> AmountReader.read(typed))
                .isInstanceOf(CellProblem.class)
                .hasMessage("'" + typed + "' is not an amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$12 CNY", "¥12 USD", "EUR 5元"})
    void rejectsTwoCurrencies(String typed) {
        assertThatThrownBy(() -> AmountReader.read(typed)).hasMessage("'" + typed + "' names two currencies");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "\u3000"})
    void aBlankValueIsEmpty(String typed) {
        assertThatThrownBy(() -> AmountReader.read(typed))
                .isInstanceOf(CellProblem.class)
                .hasMessage("is empty");
    }
}
