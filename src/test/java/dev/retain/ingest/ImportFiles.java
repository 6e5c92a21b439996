package dev.retain.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small import files written for a test, as exports of other systems look. */
final class ImportFiles {

    private ImportFiles() {}

    static Path csv(Path directory, String name, String content) {
        return write(directory, name, content, StandardCharsets.UTF_8);
    }

    static Path write(Path directory, String name, String content, Charset charset) {
        try {
            return Files.writeString(directory.resolve(name), content, charset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A unique prefix, so that tests sharing one database do not see each other's customers. */
    static String unique() {
        return Long.toString(System.nanoTime(), 36);
    }
}
