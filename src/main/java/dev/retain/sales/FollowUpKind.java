package dev.retain.sales;

/** How a salesperson followed a customer up: 电话, 拜访, 微信, 邮件, 会议. */
public enum FollowUpKind {
    PHONE,
    VISIT,
    WECHAT,
    EMAIL,
    MEETING
}
