package dev.retain.sales;

/** Profile fields a pool can hide while a customer waits in it, so nobody harvests contacts without claiming. */
public enum PoolHiddenField {
    PHONE,
    EMAIL,
    BIRTHDAY
}
