package dev.retain.platform.backup;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a backup: every table's rows as one consistent snapshot of the database (one {@code REPEATABLE READ}
 * read-only transaction, so the server keeps running and writing meanwhile), the sequences, the data directory's
 * files, and a manifest with their checksums, into one zip file. The file is written under a temporary name in the
 * target folder, synced, and renamed to its name only when complete: a backup that is interrupted (killed, disk full)
 * never leaves a file at the name that looks like a finished one.
 */
final class BackupWriter {

    /** A finished backup: its file, size and SHA-256, and what it holds. */
    record Result(Path file, long bytes, String sha256, BackupManifest manifest) {}

    private static final String PARTIAL = ".partial";

    private final String retainVersion;

    BackupWriter(String retainVersion) {
        this.retainVersion = retainVersion;
    }

    Result write(Connection connection, DataDirectoryFiles files, Path target, Instant now)
            throws IOException, SQLException {
        Path file = target.toAbsolutePath().normalize();
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file + " exists already; choose another name");
        }
        Files.createDirectories(file.getParent());
        Path partial = temporaryFile(file);
        try {
            MessageDigest whole = RowsChecksum.sha256();
            long bytes;
            BackupManifest manifest;
            try (var out = new FileOutputStream(partial.toFile());
                    var digesting = new DigestOutputStream(new BufferedOutputStream(out, 1 << 16), whole);
                    var counting = new CountingOutputStream(digesting);
                    var zip = new ZipOutputStream(counting)) {
                zip.setLevel(Deflater.BEST_SPEED);
                manifest = writeContent(connection, files, zip, now);
                zip.finish();
                zip.flush();
                out.getChannel().force(true);
                bytes = counting.count;
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.getParent());
            return new Result(file, bytes, HexFormat.of().formatHex(whole.digest()), manifest);
        } catch (IOException | SQLException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    /** A name of its own next to the target, hidden and ending in {@value #PARTIAL}, readable by the owner only. */
    static Path temporaryFile(Path file) throws IOException {
        String prefix = "." + file.getFileName() + ".";
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(
                    file.getParent(),
                    prefix,
                    PARTIAL,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(file.getParent(), prefix, PARTIAL);
    }

    static boolean isPartial(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(PARTIAL);
    }

    private BackupManifest writeContent(
            Connection connection, DataDirectoryFiles files, ZipOutputStream zip, Instant now)
            throws IOException, SQLException {
        boolean autoCommit = connection.getAutoCommit();
        List<String> partitioned = new DatabaseCatalog(connection).partitionedTables();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set transaction isolation level repeatable read, read only");
                statement.execute("set local application_name = 'retain backup'");
            }
            CopyFormat.fix(connection);
            if (!partitioned.isEmpty()) {
                // before the snapshot: no partition is dropped (by retention) between the snapshot and its copy
                try (Statement statement = connection.createStatement()) {
                    statement.execute("lock table " + DatabaseCatalog.quoteAll(partitioned) + " in access share mode");
                }
            }
            var catalog = new DatabaseCatalog(connection);
            String schemaVersion = catalog.schemaVersion();
            if (schemaVersion == null) {
                throw new IllegalStateException("The database holds no Retain schema: nothing to back up");
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            var tables = new ArrayList<BackupManifest.Table>();
            for (String table : catalog.tables()) {
                tables.add(writeTable(catalog, copy, table, zip));
            }
            var sequences = catalog.sequences();
            String postgresVersion = catalog.postgresVersion();
            connection.rollback();
            var dataFiles = writeFiles(files, zip);
            var manifest = new BackupManifest(
                    BackupManifest.FORMAT,
                    now.toString(),
                    retainVersion,
                    schemaVersion,
                    postgresVersion,
                    files.includesKeys(),
                    tables,
                    sequences,
                    dataFiles);
            zip.putNextEntry(new ZipEntry(BackupManifest.ENTRY));
            zip.write(manifest.toJson());
            zip.closeEntry();
            return manifest;
        } finally {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static BackupManifest.Table writeTable(
            DatabaseCatalog catalog, CopyManager copy, String table, ZipOutputStream zip)
            throws IOException, SQLException {
        List<String> columns = catalog.columns(table);
        boolean partitioned = catalog.partitioned(table);
        String entry = "tables/" + table + ".copy";
        String sql = partitioned
                ? "copy (select " + DatabaseCatalog.quoteAll(columns) + " from " + DatabaseCatalog.quote(table)
                        + ") to stdout"
                : "copy " + DatabaseCatalog.quote(table) + " (" + DatabaseCatalog.quoteAll(columns) + ") to stdout";
        zip.putNextEntry(new ZipEntry(entry));
        var rows = new RowsChecksum();
        MessageDigest digest = RowsChecksum.sha256();
        var counted = new CountingOutputStream(new TeeOutputStream(new DigestOutputStream(zip, digest), rows));
        copy.copyOut(sql, counted);
        counted.flush();
        zip.closeEntry();
        return new BackupManifest.Table(
                table,
                columns,
                entry,
                rows.rows(),
                counted.count,
                HexFormat.of().formatHex(digest.digest()),
                rows.checksum(),
                partitioned ? catalog.partitions(table) : List.of());
    }

    private static List<BackupManifest.DataFile> writeFiles(DataDirectoryFiles files, ZipOutputStream zip)
            throws IOException {
        var written = new ArrayList<BackupManifest.DataFile>();
        for (Path file : files.list()) {
            String relative = files.relative(file);
            String entry = "files/" + relative;
            InputStream in;
            try {
                in = Files.newInputStream(file, StandardOpenOption.READ);
            } catch (NoSuchFileException gone) {
                continue;
            }
            try (in) {
                zip.putNextEntry(new ZipEntry(entry));
                MessageDigest digest = RowsChecksum.sha256();
                var counted = new CountingOutputStream(new DigestOutputStream(zip, digest));
                in.transferTo(counted);
                counted.flush();
                zip.closeEntry();
                written.add(new BackupManifest.DataFile(
                        relative, entry, counted.count, HexFormat.of().formatHex(digest.digest())));
            }
        }
        return written;
    }

    private static void syncDirectory(Path directory) {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every system can sync a directory; the rename itself is atomic either way
        }
    }

    /** Counts what passes through; closing it leaves the stream below open (a zip entry is closed by the zip). */
    static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Writes to a second stream as well. */
    private static final class TeeOutputStream extends FilterOutputStream {
        private final OutputStream second;

        TeeOutputStream(OutputStream out, OutputStream second) {
            super(out);
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
