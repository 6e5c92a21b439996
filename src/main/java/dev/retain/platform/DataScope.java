package dev.retain.platform;

/** Which customers a role sees: its own, its teams' (sub-teams included), or all of them. */
public enum DataScope {
    OWN,
    TEAM,
    ALL
}
