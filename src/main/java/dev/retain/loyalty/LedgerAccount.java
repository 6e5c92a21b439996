package dev.retain.loyalty;

/**
 * The accounts of the points ledger. A transaction's entries sum to zero across them: the member's wallet (PENDING,
 * ACTIVE) holds what the member has; PROGRAMME is where awards come from and reversals go back to; REDEEMED and
 * EXPIRED collect points spent and run out; TRANSFER clears points moving between two members.
 */
public enum LedgerAccount {
    PENDING,
    ACTIVE,
    PROGRAMME,
    REDEEMED,
    EXPIRED,
    TRANSFER
}
