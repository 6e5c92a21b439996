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
 * a temporary password printed once to the console, which must be changed at the first sign-in.
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
        if (demo) {
            users.create(new NewUser("admin", "Administrator", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.ADMIN)));
            return;
        }
        long admin = users.create(new NewUser("admin", "Administrator", null, randomPassword(), Set.of(Role.ADMIN)))
                .id();
        // a temporary password, as an admin's reset gives: whoever reads the console must choose their own at once
        String password = users.resetPassword(admin);
        System.out.println("""

                ================================================================
                 Retain created the first user:
                   username: admin
                   password: %s
                 This password is shown only once and must be changed at the
                 first sign-in.
                ================================================================
                """.formatted(password));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
