/**
 * Segmentation: RFM scores with history, the condition language (a JSON tree compiled to one parameterised SQL
 * statement), and audiences — tags and segments kept by hand or by a condition — evaluated in batch and in real time,
 * publishing {@link dev.retain.segments.SegmentEntered}, {@link dev.retain.segments.SegmentExited},
 * {@link dev.retain.segments.TagAdded} and {@link dev.retain.segments.TagRemoved}. Other modules add condition types by
 * declaring {@link dev.retain.segments.ConditionField} beans.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Segments")
package dev.retain.segments;
