package dev.retain;

import java.util.ArrayList;

/** Command-line texts shared by the launcher script and {@link RetainApplication}. */
final class Launcher {

    static final String USAGE = """
            Usage: ./retain [command] [options]

            Commands:
              serve              start the server (default)
              demo               start the server; load the demo dataset if the database is empty
                                 --customers N      size of the demo dataset (default 10000)
              import             import a CSV/XLSX file into the local database, print the account:
                                 --kind customers|orders|events --file FILE --map field=Column,...
                                 [--source NAME] [--day-first] [--currency CNY] [--max-rejected 0.05]
                                 [--preset NAME] [--server URL --api-key KEY: through a running server]
                                 exit code 0 done, 3 too many rows rejected, 1 failed, 2 wrong arguments
              predict clv        fit the lifetime-value models on the local database and check them, print the
                                 parameters, log-likelihood and holdout report:
                                 --calibration-end 2026-06-30 [--holdout-end DATE] [--unit days|weeks]
                                 exit code 0 done, 2 wrong arguments or too few buyers
              users              account first aid on the local database (the server stopped):
                                 list | reset-password USER | disable USER | unlock USER | reset-two-factor USER
                                 (serve refuses to start while an enabled account has the demo password)
              audit verify       walk the audit log's hash chain: OK and the number of entries, or the first
                                 entry where it breaks; exit code 0 intact, 1 broken, 2 wrong arguments
              loyalty check      prove the points ledger whole: every transaction balances, every wallet equals
                                 its ledger and lots; exit code 0 whole, 1 not, 2 wrong arguments
              backup             back up the database and the data directory's files into one file, also while
                                 the server runs: [--to FILE] (default RETAIN_BACKUP_DIR/retain-backup-TIME.zip)
                                 [--include-keys] (the key files under RETAIN_DATA_DIR/keys, left out otherwise)
              restore FILE       restore a backup into an empty data directory (or empty RETAIN_DB_URL database):
                                 [--data-dir DIR] (default RETAIN_DATA_DIR); checks the file first
                                 exit code 0 done, 1 refused or failed, 2 wrong arguments
              --help             show this help
              --version          show the version

            Spring options may follow the command, e.g. --server.port=9090.
            Environment: RETAIN_DB_URL, RETAIN_DB_USER, RETAIN_DB_PASSWORD, RETAIN_DATA_DIR, RETAIN_BACKUP_DIR, PORT
            (see docs/configuration.md).""";

    private Launcher() {}

    /** Turns the launcher's short options into Spring properties; passes the rest through. */
    static String[] springArguments(String[] args) {
        var result = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--customers") && i + 1 < args.length) {
                result.add("--retain.demo.customers=" + args[++i]);
            } else {
                result.add(args[i]);
            }
        }
        return result.toArray(String[]::new);
    }

    static String version() {
        String version = Launcher.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
