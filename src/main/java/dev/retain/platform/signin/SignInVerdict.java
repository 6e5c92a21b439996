package dev.retain.platform.signin;

/** Whether a sign-in attempt may check its password now, and if not, for how long it must wait. */
public record SignInVerdict(Kind kind, long waitSeconds) {

    public enum Kind {
        ALLOWED,
        WAIT,
        LOCKED
    }

    static final SignInVerdict ALLOWED = new SignInVerdict(Kind.ALLOWED, 0);
    static final SignInVerdict LOCKED = new SignInVerdict(Kind.LOCKED, 0);

    static SignInVerdict waitFor(long seconds) {
        return new SignInVerdict(Kind.WAIT, Math.max(1, seconds));
    }

    public boolean allowed() {
        return kind == Kind.ALLOWED;
    }

    /** The stricter of two verdicts: locked over waiting over allowed, the longer wait over the shorter. */
    SignInVerdict stricter(SignInVerdict other) {
        if (kind != other.kind) {
            return kind.ordinal() > other.kind.ordinal() ? this : other;
        }
        return waitSeconds >= other.waitSeconds ? this : other;
    }
}
