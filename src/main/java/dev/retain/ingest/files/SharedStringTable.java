package dev.retain.ingest.files;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;

/**
 * A workbook's shared strings (the text of its cells, stored once each), read with bounded memory: kept in memory
 * while they are few, moved to a temporary file once they pass a size, and read back from it by index with a small
 * cache. Phonetic guides ({@code rPh}) are left out, as a user sees the cell.
 */
final class SharedStringTable implements Closeable {

    /** About 16 MB of text in memory; a workbook with more shared text reads it from disk. */
    static final long IN_MEMORY_CHARS = 8L * 1024 * 1024;

    private static final int CACHED = 4096;

    private final List<String> inMemory = new ArrayList<>();
    private long inMemoryChars;
    private int count;

    private Path dataFile;
    private Path indexFile;
    private FileChannel data;
    private FileChannel index;
    private DataOutputStream dataOut;
    private DataOutputStream indexOut;
    private long dataSize;

    private final Map<Integer, String> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > CACHED;
        }
    };

    private SharedStringTable() {}

    /**
     * Reads the package's shared strings part; a workbook without one has none. A string longer than
     * {@code maxStringChars} is kept cut one character past it, so that a cell using it is seen to be too long.
     */
    static SharedStringTable read(OPCPackage pkg, long inMemoryChars, int maxStringChars)
            throws IOException, XMLStreamException {
        var table = new SharedStringTable();
        try {
            List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
            if (!parts.isEmpty()) {
                try (InputStream in = parts.get(0).getInputStream()) {
                    table.parse(in, inMemoryChars, maxStringChars + 1);
                }
            }
            table.finish();
            return table;
        } catch (IOException | XMLStreamException | RuntimeException e) {
            table.close();
            throw e;
        }
    }

    int count() {
        return count;
    }

    /** Whether the strings were moved to a temporary file. */
    boolean onDisk() {
        return data != null;
    }

    String at(int i) throws IOException {
        if (data == null) {
            return inMemory.get(i);
        }
        String cached = cache.get(i);
        if (cached != null) {
            return cached;
        }
        ByteBuffer offsets = ByteBuffer.allocate(16);
        readFully(index, offsets, 8L * i);
        long start = offsets.getLong(0);
        int length = (int) (offsets.getLong(8) - start);
        ByteBuffer text = ByteBuffer.allocate(length);
        readFully(data, text, start);
        String value = new String(text.array(), StandardCharsets.UTF_8);
        cache.put(i, value);
        return value;
    }

    @Override
    public void close() throws IOException {
        try {
            for (Closeable open : new Closeable[] {dataOut, indexOut, data, index}) {
                if (open != null) {
                    open.close();
                }
            }
        } finally {
            if (dataFile != null) {
                Files.deleteIfExists(dataFile);
            }
            if (indexFile != null) {
                Files.deleteIfExists(indexFile);
            }
        }
    }

    private void parse(InputStream in, long inMemoryLimit, int keptChars) throws IOException, XMLStreamException {
        XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(in);
        try {
            StringBuilder text = new StringBuilder();
            int phonetic = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if ("si".equals(name)) {
                        text.setLength(0);
                    } else if ("rPh".equals(name)) {
                        phonetic++;
                    } else if ("t".equals(name) && phonetic == 0) {
                        text.append(boundedText(xml, keptChars));
                        if (text.length() > keptChars) {
                            text.setLength(keptChars);
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = xml.getLocalName();
                    if ("rPh".equals(name)) {
                        phonetic--;
                    } else if ("si".equals(name)) {
                        add(decoded(text.toString()), inMemoryLimit);
                    }
                }
            }
        } finally {
            xml.close();
        }
    }

    /**
     * The text of the element whose start was just read, at most {@code keptChars} of it: the rest is read past, never
     * held, so one enormous cell cannot fill the memory.
     */
    static String boundedText(XMLStreamReader xml, int keptChars) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS,
                        XMLStreamConstants.CDATA,
                        XMLStreamConstants.SPACE,
                        XMLStreamConstants.ENTITY_REFERENCE -> {
                    int room = keptChars - text.length();
                    if (depth == 1 && room > 0) {
                        text.append(xml.getTextCharacters(), xml.getTextStart(), Math.min(room, xml.getTextLength()));
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                default -> {}
            }
        }
        return text.toString();
    }

    /** Excel writes characters XML cannot hold as {@code _xHHHH_}; POI's rich text decodes them. */
    private static String decoded(String text) {
        return text.contains("_x") ? new XSSFRichTextString(text).getString() : text;
    }

    private void add(String value, long inMemoryLimit) throws IOException {
        count++;
        if (dataOut == null) {
            inMemory.add(value);
            inMemoryChars += value.length();
            if (inMemoryChars > inMemoryLimit) {
                spill();
            }
            return;
        }
        write(value);
    }

    private void spill() throws IOException {
        dataFile = Files.createTempFile("retain-shared-strings-", ".txt");
        indexFile = Files.createTempFile("retain-shared-strings-", ".idx");
        dataOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dataFile), 64 * 1024));
        indexOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(indexFile), 64 * 1024));
        for (String value : inMemory) {
            write(value);
        }
        inMemory.clear();
    }

    private void write(String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        indexOut.writeLong(dataSize);
        dataOut.write(bytes);
        dataSize += bytes.length;
    }

    /** Ends the index with the data's size, so string i spans offsets i to i + 1, and opens the files for reading. */
    private void finish() throws IOException {
        if (dataOut == null) {
            return;
        }
        indexOut.writeLong(dataSize);
        indexOut.close();
        dataOut.close();
        indexOut = null;
        dataOut = null;
        data = FileChannel.open(dataFile, StandardOpenOption.READ);
        index = FileChannel.open(indexFile, StandardOpenOption.READ);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the shared strings' temporary file ended early");
            }
        }
    }
}
