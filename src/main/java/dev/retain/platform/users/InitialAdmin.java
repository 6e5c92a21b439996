package dev.retain.platform.users;

import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start (no users yet) creates the admin: with the documented demo password in demo mode, otherwise with
 * a random password printed once to the console.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InitialAdmin implements ApplicationRunner {

    private final UserAccounts users;
    private final boolean demo;

    InitialAdmin(UserAccounts users, @Value("${retain.demo.enabled:false}") boolean demo) {
        this.users = users;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String password = demo ? UserAccounts.DEMO_PASSWORD : randomPassword();
        users.create(new NewUser("admin", "Administrator", null, password, Set.of(Role.ADMIN)));
        if (!demo) {
            System.out.println("""

                    ================================================================
                     Retain created the first user. Sign in and change it soon:
                       username: admin
                       password: %s
                     This password is shown only once.
                    ================================================================
                    """.formatted(password));
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
