package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    @Test
    void aPasswordNeedsTenCharacters() {
        assertThat(PasswordPolicy.brokenRule("lina", "short one")).contains(PasswordRule.MIN_LENGTH);
        assertThat(PasswordPolicy.brokenRule("lina", null)).contains(PasswordRule.MIN_LENGTH);
    }

    @Test
    void aPasswordIsNotTheUsername() {
        assertThat(PasswordPolicy.brokenRule("lina.wang.sales", "Lina.Wang.Sales"))
                .contains(PasswordRule.NOT_USERNAME);
    }

    @Test
    void aCommonPasswordIsRefusedWhateverItsCase() {
        assertThat(PasswordPolicy.brokenRule("lina", "qwertyuiop")).contains(PasswordRule.NOT_COMMON);
        assertThat(PasswordPolicy.brokenRule("lina", "Password123")).contains(PasswordRule.NOT_COMMON);
        assertThat(PasswordPolicy.brokenRule("lina", "1234567890")).contains(PasswordRule.NOT_COMMON);
    }

    @Test
    void aLongUncommonPasswordPasses() {
        assertThat(PasswordPolicy.brokenRule("lina", "correct horse battery")).isEmpty();
        assertThat(PasswordPolicy.brokenRule("admin", UserAccounts.DEMO_PASSWORD))
                .as("the demo team is created with it")
                .isEmpty();
    }
}
