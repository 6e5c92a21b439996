package dev.retain.platform;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Fails fast, with one line, when an external database is configured but cannot be reached. */
public final class DatabaseReachability {

    private DatabaseReachability() {}

    public static void exitUnlessReachable(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            return;
        }
        String problem = problemReaching(url, user, password);
        if (problem != null) {
            System.err.println("Retain cannot reach the database at " + url + ": " + problem);
            System.exit(1);
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
