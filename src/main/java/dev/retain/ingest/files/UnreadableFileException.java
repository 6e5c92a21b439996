package dev.retain.ingest.files;

import java.io.IOException;

/**
 * Thrown for files that cannot be read as a table at all (not a table, a password-protected workbook, no header row).
 * The message says why in words a user can act on.
 */
public class UnreadableFileException extends IOException {

    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
