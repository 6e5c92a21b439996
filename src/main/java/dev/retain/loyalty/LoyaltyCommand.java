package dev.retain.loyalty;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./retain loyalty check}: proves the points ledger whole ({@link LedgerCheck}) and prints OK with its totals,
 * or each problem found. Exits 0 when whole, 1 when not, 2 for wrong arguments.
 */
@Component
@ConditionalOnProperty(name = "retain.command", havingValue = "loyalty")
class LoyaltyCommand implements ApplicationRunner, ExitCodeGenerator {

    static final int BROKEN = 1;
    static final int WRONG_ARGUMENTS = 2;

    private final LedgerCheck check;
    private int exitCode;

    LoyaltyCommand(LedgerCheck check) {
        this.check = check;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        String[] args = arguments.getSourceArgs();
        if (args.length == 0 || !args[0].equals("check")) {
            System.err.println("Usage: ./retain loyalty check");
            exitCode = WRONG_ARGUMENTS;
            return;
        }
        LedgerCheck.Result result = check.run();
        String totals = result.transactions() + " transactions, " + result.members() + " members; points held "
                + result.active() + " spendable + " + result.pending() + " pending, redeemed " + result.redeemed()
                + ", expired " + result.expired() + ", issued " + result.issued();
        if (result.ok()) {
            System.out.println("OK: the ledger balances and equals every wallet; " + totals);
        } else {
            System.out.println("BROKEN: " + result.problems().size() + " problems; " + totals);
            result.problems().forEach(problem -> System.out.println("  " + problem));
            exitCode = BROKEN;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
