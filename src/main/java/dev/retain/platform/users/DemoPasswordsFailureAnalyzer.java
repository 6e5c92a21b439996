package dev.retain.platform.users;

import dev.retain.platform.UserAccounts;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns the demo-password refusal into a short message with the fix instead of a stack trace. */
public class DemoPasswordsFailureAnalyzer extends AbstractFailureAnalyzer<DemoPasswordsInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DemoPasswordsInUseException cause) {
        return new FailureAnalysis(
                "Retain does not serve while enabled accounts still have the public demo password '"
                        + UserAccounts.DEMO_PASSWORD + "': " + String.join(", ", cause.usernames())
                        + ".",
                cause.howToFix(),
                cause);
    }
}
