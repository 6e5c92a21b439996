package dev.retain.customers;

/**
 * A profile field an admin can mark as sensitive: then it is encrypted at rest, found by its blind index, and shown
 * masked to the roles that do not see contact data in full.
 */
public enum SensitiveField {
    PHONE("phone"),
    EMAIL("email");

    private final String column;

    SensitiveField(String column) {
        this.column = column;
    }

    /** The column of {@code customers} (and the identity kind) holding it. */
    public String column() {
        return column;
    }

    public static SensitiveField ofColumn(String column) {
        for (SensitiveField field : values()) {
            if (field.column.equals(column)) {
                return field;
            }
        }
        throw new IllegalArgumentException("not a sensitive field: " + column);
    }
}
