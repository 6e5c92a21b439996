package dev.retain.demo;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer as a source system would hand it over: phones and emails are raw, as people typed them.
 *
 * @param kind {@code PERSON} or {@code COMPANY}
 * @param phone raw, in mixed formats; may be null
 * @param email may be null, may carry stray upper case or surrounding spaces
 * @param gender {@code F}, {@code M} or null; always null for companies
 * @param birthday may be null; always null for companies
 * @param industry companies only, else null
 * @param contactName companies only: the one contact person
 * @param contactPhone companies only, raw
 * @param source the system the customer came from: {@code shop}, {@code erp}, {@code wechat} or {@code offline}
 */
public record DemoCustomer(
        long id,
        String kind,
        String name,
        String phone,
        String email,
        String gender,
        LocalDate birthday,
        String city,
        String region,
        String industry,
        String contactName,
        String contactPhone,
        Instant signedUpAt,
        String source) {}
