package dev.retain.ingest.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test files from {@code src/test/resources/ingest}, copied out of the classpath so readers get a real path. */
final class Fixtures {

    private Fixtures() {}

    static Path copy(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = Fixtures.class.getResourceAsStream("/ingest/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture /ingest/" + name);
            }
            Files.copy(in, file);
        }
        return file;
    }

    static List<List<String>> rows(TableReader reader) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String[] row = reader.next(); row != null; row = reader.next()) {
            rows.add(List.of(row));
        }
        return rows;
    }
}
