package dev.retain.customers;

/** 潜客 → 意向 → 成交 → 复购 → 忠诚, and 流失预警 / 流失 for those slipping away. */
public enum LifecycleStage {
    PROSPECT,
    INTERESTED,
    FIRST_ORDER,
    REPEAT,
    LOYAL,
    AT_RISK,
    LOST
}
