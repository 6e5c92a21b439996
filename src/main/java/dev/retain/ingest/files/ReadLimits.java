package dev.retain.ingest.files;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long one cell of an imported file and one line of an NDJSON request may be, and how much of a workbook's shared
 * strings stays in memory. The lengths are checked while reading, so an endless cell or line is refused before it
 * fills the memory; shared strings beyond the size go to a temporary file.
 */
@Component
public class ReadLimits {

    private final int maxCellChars;
    private final int maxNdjsonLineBytes;
    private final long xlsxStringsInMemoryChars;

    ReadLimits(
            @Value("${retain.import.max-cell-chars}") int maxCellChars,
            @Value("${retain.import.max-ndjson-line-kb}") int maxNdjsonLineKb,
            @Value("${retain.import.xlsx-strings-in-memory-mb}") int xlsxStringsInMemoryMb) {
        if (maxCellChars < 1 || maxCellChars > 100_000_000 || maxNdjsonLineKb < 1 || xlsxStringsInMemoryMb < 0) {
            throw new IllegalArgumentException("retain.import.max-cell-chars (1 to 100,000,000), max-ndjson-line-kb"
                    + " (positive) and xlsx-strings-in-memory-mb (0 or more) are out of range");
        }
        this.maxCellChars = maxCellChars;
        this.maxNdjsonLineBytes = Math.multiplyExact(maxNdjsonLineKb, 1024);
        // Two bytes a character, as Java holds them.
        this.xlsxStringsInMemoryChars = xlsxStringsInMemoryMb * 512L * 1024;
    }

    public int maxCellChars() {
        return maxCellChars;
    }

    public int maxNdjsonLineBytes() {
        return maxNdjsonLineBytes;
    }

    /** Characters of shared strings an XLSX reader keeps in memory before it moves them to a temporary file. */
    public long xlsxStringsInMemoryChars() {
        return xlsxStringsInMemoryChars;
    }

    /** Opens an uploaded CSV/TSV/TXT or XLSX file within these limits. */
    public TableReader open(Path file) throws IOException {
        return TableReaders.open(file, maxCellChars, xlsxStringsInMemoryChars);
    }
}
