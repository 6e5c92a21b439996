package dev.retain.platform.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./retain audit verify}: walks the audit log's hash chain and prints OK with the number of entries and the
 * newest hash, or the first entry where the chain breaks. Exits 0 when intact, 1 when broken, 2 for wrong arguments.
 */
@Component
@ConditionalOnProperty(name = "retain.command", havingValue = "audit")
class AuditCommand implements ApplicationRunner, ExitCodeGenerator {

    static final int BROKEN = 1;
    static final int WRONG_ARGUMENTS = 2;

    private final AuditChainVerifier verifier;
    private int exitCode;

    AuditCommand(AuditChainVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        String[] args = arguments.getSourceArgs();
        if (args.length == 0 || !args[0].equals("verify")) {
            System.err.println("Usage: ./retain audit verify");
            exitCode = WRONG_ARGUMENTS;
            return;
        }
        ChainVerification result = verifier.verify();
        if (result.intact()) {
            System.out.println("OK: " + result.entries() + " entries, chain intact; newest hash " + result.headHash());
        } else {
            var broken = result.broken();
            System.out.println("BROKEN at entry " + (broken.id() == null ? "-" : broken.id()) + " (" + broken.at()
                    + ", place " + broken.seq() + " in the chain): " + broken.reason() + "; " + result.entries()
                    + " entries before it are intact");
            exitCode = BROKEN;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
