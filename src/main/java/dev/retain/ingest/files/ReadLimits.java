package dev.retain.ingest.files;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long one cell of an imported file and one line of an NDJSON request may be. Both are checked while reading, so an
 * endless cell or line is refused before it fills the memory.
 */
@Component
public class ReadLimits {

    private final int maxCellChars;
    private final int maxNdjsonLineBytes;

    ReadLimits(
            @Value("${retain.import.max-cell-chars}") int maxCellChars,
            @Value("${retain.import.max-ndjson-line-kb}") int maxNdjsonLineKb) {
        if (maxCellChars < 1 || maxNdjsonLineKb < 1) {
            throw new IllegalArgumentException("retain.import.max-cell-chars and max-ndjson-line-kb must be positive");
        }
        this.maxCellChars = maxCellChars;
        this.maxNdjsonLineBytes = Math.multiplyExact(maxNdjsonLineKb, 1024);
    }

    public int maxCellChars() {
        return maxCellChars;
    }

    public int maxNdjsonLineBytes() {
        return maxNdjsonLineBytes;
    }
}
