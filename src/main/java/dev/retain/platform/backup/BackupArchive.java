package dev.retain.platform.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A backup file opened for restoring. {@link #open} reads it whole once before anything is restored: the file must be
 * a complete zip with a manifest Retain understands, and every table and file in it must match the size and SHA-256
 * the manifest gives; a truncated, damaged or altered backup is refused with what is wrong.
 */
final class BackupArchive implements AutoCloseable {

    private final Path file;
    private final ZipFile zip;
    private final BackupManifest manifest;

    private BackupArchive(Path file, ZipFile zip, BackupManifest manifest) {
        this.file = file;
        this.zip = zip;
        this.manifest = manifest;
    }

    static BackupArchive open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BackupRefusedException("There is no backup file " + file);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new BackupRefusedException("The backup " + file + " is incomplete or damaged: it is not a whole"
                    + " backup file (" + e.getMessage() + "). Restore another backup.");
        }
        try {
            var archive = new BackupArchive(file, zip, readManifest(file, zip));
            archive.verify();
            return archive;
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    BackupManifest manifest() {
        return manifest;
    }

    InputStream table(BackupManifest.Table table) throws IOException {
        return zip.getInputStream(entry(table.entry()));
    }

    InputStream file(BackupManifest.DataFile dataFile) throws IOException {
        return zip.getInputStream(entry(dataFile.entry()));
    }

    private static BackupManifest readManifest(Path file, ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(BackupManifest.ENTRY);
        if (entry == null) {
            throw new BackupRefusedException(
                    file + " is not a Retain backup: it has no " + BackupManifest.ENTRY + " (or it is damaged)");
        }
        BackupManifest manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = BackupManifest.fromJson(in.readAllBytes());
        } catch (ZipException e) {
            throw damaged(file, BackupManifest.ENTRY, e.getMessage());
        } catch (RuntimeException e) {
            throw new BackupRefusedException(
                    "The manifest of the backup " + file + " cannot be read: " + e.getMessage());
        }
        if (manifest.format() != BackupManifest.FORMAT) {
            throw new BackupRefusedException("The backup " + file + " has format " + manifest.format()
                    + "; this Retain reads format " + BackupManifest.FORMAT);
        }
        if (manifest.schemaVersion() == null
                || manifest.tables() == null
                || manifest.sequences() == null
                || manifest.files() == null) {
            throw new BackupRefusedException("The manifest of the backup " + file + " is incomplete");
        }
        return manifest;
    }

    private void verify() throws IOException {
        for (BackupManifest.Table table : manifest.tables()) {
            check(table.entry(), table.bytes(), table.sha256());
        }
        for (BackupManifest.DataFile dataFile : manifest.files()) {
            check(dataFile.entry(), dataFile.bytes(), dataFile.sha256());
        }
    }

    private void check(String name, long bytes, String sha256) throws IOException {
        MessageDigest digest = RowsChecksum.sha256();
        long read = 0;
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry(name)), digest)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read += n;
            }
        } catch (ZipException | java.io.EOFException e) {
            throw damaged(file, name, e.getMessage());
        }
        if (read != bytes || !HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
            throw damaged(file, name, "its content does not match the checksum in the manifest");
        }
    }

    private ZipEntry entry(String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw damaged(file, name, "it is missing");
        }
        return entry;
    }

    private static BackupRefusedException damaged(Path file, String entry, String reason) {
        return new BackupRefusedException("The backup " + file + " is damaged or was altered: " + entry + " — " + reason
                + ". Nothing was restored.");
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
