package dev.retain;

import dev.retain.ingest.RemoteImport;
import dev.retain.platform.Backups;
import dev.retain.platform.DatabaseReachability;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point. The first argument is a subcommand ({@code serve}, {@code demo}); Spring options
 * ({@code --server.port=9090}) may follow.
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
@EnableScheduling
public class RetainApplication {

    public static void main(String[] args) throws Exception {
        boolean hasCommand = args.length > 0 && !args[0].startsWith("-");
        String command = hasCommand ? args[0] : "serve";
        String[] springArgs = Launcher.springArguments(hasCommand ? Arrays.copyOfRange(args, 1, args.length) : args);
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(Launcher.USAGE);
            return;
        }
        if (Arrays.asList(args).contains("--version")) {
            System.out.println("Retain " + Launcher.version());
            return;
        }
        switch (command) {
            case "serve" -> System.setProperty("retain.security.refuse-demo-passwords", "true");
            case "demo" -> System.setProperty("retain.demo.enabled", "true");
            case "import" -> {
                if (Arrays.asList(args).contains("--server")) {
                    System.exit(RemoteImport.run(args));
                }
                runOnce(command);
            }
            case "predict", "users", "audit", "loyalty" -> runOnce(command);
            case "backup" -> System.exit(Backups.backup(Arrays.copyOfRange(args, 1, args.length)));
            case "restore" -> System.exit(Backups.restore(Arrays.copyOfRange(args, 1, args.length)));
            default -> {
                System.err.println("Unknown command '" + command + "'.\n\n" + Launcher.USAGE);
                System.exit(2);
            }
        }
        String dbUrl = System.getenv("RETAIN_DB_URL");
        if (dbUrl == null || dbUrl.isBlank()) {
            DatabaseReachability.exitIfEmbeddedInUse(
                    Path.of(System.getenv().getOrDefault("RETAIN_DATA_DIR", "./data")),
                    switch (command) {
                        case "import" ->
                            "Import through it: ./retain import --server http://localhost:8080 --api-key KEY …";
                        case "predict" ->
                            "Check the model through it: POST /api/v1/predict/clv/checks, or on /predict/clv.";
                        case "users" -> "Manage users through it, on its users page (/admin/users).";
                        case "audit" -> "Verify through it: GET /api/v1/audit/verify, or see /admin/audit.";
                        case "loyalty" -> "Check through it: GET /api/v1/loyalty/check, or see /admin/loyalty.";
                        default -> "Stop it first, or give this one another RETAIN_DATA_DIR.";
                    });
        }
        DatabaseReachability.exitUnlessReachable(
                System.getenv("RETAIN_DB_URL"), System.getenv("RETAIN_DB_USER"), System.getenv("RETAIN_DB_PASSWORD"));
        var context = SpringApplication.run(RetainApplication.class, springArgs);
        if (System.getProperty("retain.command") != null) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /** A one-shot command: no web server, no background workers, only warnings logged; exits when it is done. */
    private static void runOnce(String command) {
        System.setProperty("retain.command", command);
        System.setProperty("spring.main.web-application-type", "none");
        System.setProperty("retain.imports.worker.enabled", "false");
        System.setProperty("retain.messaging.worker.enabled", "false");
        System.setProperty("logging.level.root", "WARN");
    }
}
