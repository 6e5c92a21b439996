package dev.retain.service;

/**
 * The desk's settings: a customer's reply within {@code reopenDays} of the solve reopens the ticket (after it, a new
 * ticket starts); attachments are refused above {@code attachmentMaxBytes}; tickets nobody routes go to
 * {@code defaultTeamId}'s queue (or none).
 */
public record DeskSettings(int reopenDays, int attachmentMaxBytes, Long defaultTeamId) {}
