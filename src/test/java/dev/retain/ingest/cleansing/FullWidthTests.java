package dev.retain.ingest.cleansing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FullWidthTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {"１２３４５６７８９０ | 1234567890", "ＡＢＣｘｙｚ | ABCxyz", "２０２６年１月５日 | 2026年1月5日"})
    void turnsFullWidthAsciiIntoAscii(String typed, String expected) {
        assertThat(FullWidth.toHalfWidth(typed)).isEqualTo(expected);
    }

    @Test
    void turnsEveryFullWidthSignIntoItsAsciiTwin() {
        assertThat(FullWidth.toHalfWidth("！＂＃＄％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～"))
                .isEqualTo("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
    }

    @Test
    void turnsTheIdeographicSpaceIntoASpace() {
        assertThat(FullWidth.toHalfWidth("上海\u3000恒达")).isEqualTo("上海 恒达");
    }

    @Test
    void leavesSentencePunctuationAlone() {
        assertThat(FullWidth.toHalfWidth("一、二。")).isEqualTo("一、二。");
    }

    @Test
    void returnsTheSameStringWhenNothingNeedsMapping() {
        String plain = "2026-01-05 上海恒达";
        assertThat(FullWidth.toHalfWidth(plain)).isSameAs(plain);
    }
}
