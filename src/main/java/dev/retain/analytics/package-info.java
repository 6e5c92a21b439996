/**
 * Analytics: the KPIs, cohort retention, the lifecycle funnel and the dashboard that brings them together with RFM,
 * segment sizes and journey results. A leaf: it reads the views other modules publish and listens to their events, and
 * nothing depends on it. Each metric is defined once, in {@link dev.retain.analytics.PeriodFigures}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package dev.retain.analytics;
