package dev.retain.platform.users;

import java.util.List;

/** Thrown at start-up of {@code serve} while enabled accounts still have the public demo password. */
class DemoPasswordsInUseException extends RuntimeException {

    private final List<String> usernames;

    DemoPasswordsInUseException(List<String> usernames) {
        super("Enabled accounts still have the public demo password: " + String.join(", ", usernames));
        this.usernames = List.copyOf(usernames);
    }

    List<String> usernames() {
        return usernames;
    }

    /** What to do about it, from a terminal: the server is not running, so its pages cannot help. */
    String howToFix() {
        String example = usernames.get(0);
        return """
                Either keep using this database as a demo:
                  ./retain demo
                or give each of these accounts a temporary password (changed at its next sign-in), e.g.
                  ./retain users reset-password %s
                or disable the accounts nobody needs, e.g.
                  ./retain users disable %s
                Accounts: %s""".formatted(example, example, String.join(" ", usernames));
    }
}
