package dev.retain.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTests {

    @Test
    void isTrimmedAndLowerCased() {
        assertThat(Email.parse("  Wang.Wei@QQ.com ").address()).isEqualTo("wang.wei@qq.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wang.wei", "wang@", "@qq.com", "wang wei@qq.com", "wang@qq", "wang@@qq.com"})
    void whatIsNotAnAddressIsRejected(String typed) {
        assertThatThrownBy(() -> Email.parse(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid email address");
    }
}
