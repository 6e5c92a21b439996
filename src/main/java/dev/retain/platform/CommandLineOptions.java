package dev.retain.platform;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} and {@code --name=value} options of the launcher's one-shot commands. */
public final class CommandLineOptions {

    private CommandLineOptions() {}

    /** Options by name; a flag without a value is {@code "true"}; words that are not options are skipped. */
    public static Map<String, String> parse(String[] args) {
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                continue;
            }
            String name = args[i].substring(2);
            int equals = name.indexOf('=');
            if (equals > 0) {
                options.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }
}
