package dev.retain.loyalty;

import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The programme's pages as staff use them: a new user of one role signed in, and forms as a page posts them. */
final class StaffSessions {

    private static final String PASSWORD = "loyalty pages test password";

    private StaffSessions() {}

    static WebSession signedIn(UserAccounts users, int port, Role role) {
        String username = role.name().toLowerCase(Locale.ROOT) + "-" + Long.toString(System.nanoTime(), 36);
        users.create(new UserAccounts.NewUser(username, username, null, PASSWORD, Set.of(role)));
        var session = new WebSession(port);
        session.signIn(username, PASSWORD);
        return session;
    }

    static Map<String, String> form(String... pairs) {
        var fields = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }
}
