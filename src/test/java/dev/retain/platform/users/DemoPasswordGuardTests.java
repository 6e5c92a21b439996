package dev.retain.platform.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class DemoPasswordGuardTests {

    @Autowired
    DemoPasswordGuard guard;

    @Autowired
    UserAccounts users;

    @Test
    void noDemoPasswordsNoRefusal() {
        assertThatNoException().isThrownBy(() -> DemoPasswordGuard.refuseIfAny(List.of()));
    }

    @Test
    void theRefusalNamesTheAccountsAndTheFixesThatWorkWithoutAServer() {
        assertThatThrownBy(() -> DemoPasswordGuard.refuseIfAny(List.of("admin", "sales1")))
                .isInstanceOfSatisfying(DemoPasswordsInUseException.class, e -> {
                    assertThat(e.getMessage()).contains("admin, sales1");
                    assertThat(e.howToFix())
                            .contains("./retain demo")
                            .contains("./retain users reset-password admin")
                            .contains("./retain users disable admin");
                });
    }

    @Test
    void anEnabledAccountWithTheDemoPasswordStopsServeUntilItIsDisabled() {
        String username = "demo-like-" + Long.toHexString(System.nanoTime());
        long id = users.create(new NewUser(username, "Demo", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.SALES)))
                .id();

        assertThatThrownBy(guard::check)
                .isInstanceOfSatisfying(
                        DemoPasswordsInUseException.class,
                        e -> assertThat(e.usernames()).contains(username));
        users.setEnabled(id, false);
        assertThat(users.enabledWithDemoPassword()).doesNotContain(username);
    }

    @Test
    void aResetPasswordIsNoLongerTheDemoPassword() {
        String username = "demo-reset-" + Long.toHexString(System.nanoTime());
        long id = users.create(new NewUser(username, "Demo", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.SALES)))
                .id();

        users.resetPassword(id);

        assertThat(users.enabledWithDemoPassword()).doesNotContain(username);
        assertThat(users.onlyDemoUsers(List.of(username))).isFalse();
    }

    @Test
    void theFailureIsExplainedWithoutAStackTrace() {
        var analysis = new DemoPasswordsFailureAnalyzer()
                .analyze(new IllegalStateException(new DemoPasswordsInUseException(List.of("manager"))));

        assertThat(analysis.getDescription()).contains("manager").contains(UserAccounts.DEMO_PASSWORD);
        assertThat(analysis.getAction()).contains("./retain users reset-password manager");
    }
}
