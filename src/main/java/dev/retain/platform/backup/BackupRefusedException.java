package dev.retain.platform.backup;

/** A backup that cannot be restored, or a restore that may not happen, with the reason in words for the console. */
final class BackupRefusedException extends RuntimeException {

    BackupRefusedException(String message) {
        super(message);
    }

    BackupRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
