package dev.retain.platform.users;

import dev.retain.platform.UserAccounts;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ./retain serve} refuses to start while an enabled account still has the demo password, which is printed on
 * every demo's sign-in page. Runs after the migrations and before the web server opens its port.
 */
@Component
class DemoPasswordGuard implements SmartInitializingSingleton {

    private final UserAccounts users;
    private final boolean enabled;

    DemoPasswordGuard(UserAccounts users, @Value("${retain.security.refuse-demo-passwords:false}") boolean enabled) {
        this.users = users;
        this.enabled = enabled;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (enabled) {
            check();
        }
    }

    /** Throws when any enabled account has the demo password, naming them. */
    void check() {
        refuseIfAny(users.enabledWithDemoPassword());
    }

    static void refuseIfAny(List<String> usernames) {
        if (!usernames.isEmpty()) {
            throw new DemoPasswordsInUseException(usernames);
        }
    }
}
