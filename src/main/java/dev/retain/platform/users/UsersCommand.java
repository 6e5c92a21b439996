package dev.retain.platform.users;

import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.twofactor.TwoFactor;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./retain users list | reset-password USER | disable USER | unlock USER | reset-two-factor USER}: account
 * first aid from a terminal,
 * on the local database without the web server, e.g. when {@code serve} refuses to start on demo passwords or the
 * only admin is locked out. Exits 0 when done, 1 for an unknown user, 2 for wrong arguments.
 */
@Component
@ConditionalOnProperty(name = "retain.command", havingValue = "users")
class UsersCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String USAGE = """
            ./retain users list                      users, their roles and state
            ./retain users reset-password USER       print a temporary password, to be changed at the next sign-in
            ./retain users disable USER              disable the account and end its sessions
            ./retain users unlock USER               lift a lock after too many failed sign-ins
            ./retain users reset-two-factor USER     switch two-factor sign-in off (a lost phone and no recovery code)""";

    private final UserAccounts users;
    private final TwoFactor twoFactor;
    private int exitCode;

    UsersCommand(UserAccounts users, TwoFactor twoFactor) {
        this.users = users;
        this.twoFactor = twoFactor;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> rest = arguments.getNonOptionArgs();
        if (rest.equals(List.of("list"))) {
            users.list()
                    .forEach(user -> System.out.printf(
                            "%-24s %-8s %-10s %s%n",
                            user.username(),
                            user.enabled() ? "enabled" : "disabled",
                            user.twoFactor() ? "two-factor" : "",
                            user.roles()));
            return;
        }
        if (rest.size() != 2) {
            System.err.println(USAGE);
            exitCode = 2;
            return;
        }
        Optional<UserAccount> user = users.findByUsername(rest.get(1));
        if (user.isEmpty()) {
            System.err.println("No user named '" + rest.get(1) + "'. See ./retain users list");
            exitCode = 1;
            return;
        }
        long id = user.get().id();
        switch (rest.get(0)) {
            case "reset-password" ->
                System.out.println("Temporary password for " + user.get().username() + ": " + users.resetPassword(id)
                        + "\nIt must be changed at the next sign-in.");
            case "disable" -> {
                users.setEnabled(id, false);
                System.out.println(user.get().username() + " is disabled.");
            }
            case "unlock" -> {
                users.unlock(id);
                System.out.println(user.get().username() + " is unlocked.");
            }
            case "reset-two-factor" -> {
                twoFactor.reset(id);
                System.out.println(user.get().username() + " signs in with the password alone until they enrol again.");
            }
            default -> {
                System.err.println(USAGE);
                exitCode = 2;
            }
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
