package dev.retain.platform;

/** What a user or API key may do. Each role is a team in the company. */
public enum Role {
    ADMIN,
    MANAGER,
    MARKETER,
    SALES,
    SERVICE,
    ANALYST;

    public String authority() {
        return "ROLE_" + name();
    }
}
