package dev.retain.ingest.web;

import dev.retain.platform.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files uploaded in the import wizard while the user maps columns and previews rows, kept under a random token until
 * the import starts (or for a day).
 */
@Component
class PendingUploads {

    private static final Duration KEPT = Duration.ofDays(1);

    private final Path folder;
    private final Clock clock;

    PendingUploads(@Value("${retain.data-dir}") Path dataDirectory, java.time.Clock clock) {
        this.folder = dataDirectory.resolve("imports").resolve("pending");
        this.clock = clock;
    }

    /** Keeps the upload; returns its token. */
    String keep(MultipartFile file) throws IOException {
        if (file.isEmpty()) {
            throw new InvalidInputException("file", "choose a CSV or XLSX file");
        }
        Files.createDirectories(folder);
        String token = UUID.randomUUID().toString();
        file.transferTo(folder.resolve(token));
        return token;
    }

    Path file(String token) {
        try {
            Path file = folder.resolve(UUID.fromString(token).toString());
            if (Files.isRegularFile(file)) {
                return file;
            }
        } catch (IllegalArgumentException e) {
            // not a token of ours
        }
        throw new InvalidInputException("file", "the uploaded file is gone; upload it again");
    }

    void discard(String token) throws IOException {
        Files.deleteIfExists(file(token));
    }

    /** On every instance, not once in the cluster: each keeps its pending uploads on its own disk. */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void discardOld() throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        Instant oldest = clock.instant().minus(KEPT);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(oldest)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
