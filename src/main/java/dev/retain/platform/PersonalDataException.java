package dev.retain.platform;

/** A sealed personal value that cannot be opened: changed, moved to another row or column, or under an unknown key. */
public class PersonalDataException extends RuntimeException {

    public PersonalDataException(String message) {
        super(message);
    }
}
