package dev.retain.platform;

import dev.retain.platform.database.StalePostmaster;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Fails fast, with one line, when an external database is configured without a password or cannot be reached.
 */
public final class DatabaseReachability {

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("[?&;]password=[^&;]", Pattern.CASE_INSENSITIVE);

    private DatabaseReachability() {}

    public static void exitUnlessReachable(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            return;
        }
        String problem = missingPassword(url, password);
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
        problem = problemReaching(url, user, password);
        if (problem != null) {
            System.err.println("Retain cannot reach the database at " + url + ": " + problem);
            System.exit(1);
        }
    }

    /**
     * Why Retain will not connect to the external database at {@code url}: no password, neither given nor in the URL;
     * null when there is one.
     */
    public static String missingPassword(String url, String password) {
        if (url == null || url.isBlank() || (password != null && !password.isEmpty())) {
            return null;
        }
        if (PASSWORD_IN_URL.matcher(url).find()) {
            return null;
        }
        return "RETAIN_DB_URL is set but RETAIN_DB_PASSWORD is empty: Retain connects to an external database only"
                + " with a password. Set RETAIN_DB_PASSWORD to the password of RETAIN_DB_USER (see"
                + " docs/configuration.md#the-database).";
    }

    /** Exits with one line when the embedded database in {@code dataDirectory} is used by a running Retain. */
    public static void exitIfEmbeddedInUse(Path dataDirectory, String hint) {
        try {
            if (StalePostmaster.inUse(dataDirectory.resolve("pg"))) {
                System.err.println("The embedded database in " + dataDirectory.resolve("pg")
                        + " is in use by a running Retain server. " + hint);
                System.exit(1);
            }
        } catch (IOException e) {
            // unreadable owner record: let the start itself report what is wrong
        }
    }

    /** Returns why the database cannot be reached, or null when it can. */
    static String problemReaching(String url, String user, String password) {
        var properties = new Properties();
        if (user != null && !user.isBlank()) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        try (var ignored = DriverManager.getConnection(url, properties)) {
            return null;
        } catch (SQLException e) {
            String message = e.getMessage();
            Throwable cause = e.getCause();
            if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
                message += " (" + cause.getMessage() + ")";
            }
            return message;
        }
    }
}
