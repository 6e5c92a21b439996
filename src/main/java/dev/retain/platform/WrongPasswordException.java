package dev.retain.platform;

/** The current password given to confirm a change is not the user's password. */
public class WrongPasswordException extends InvalidInputException {

    public WrongPasswordException() {
        super("currentPassword", "is not your current password");
    }
}
