package dev.retain.platform.database;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * The passwords of the embedded PostgreSQL's two roles — the superuser {@code postgres}, used only to prepare the
 * server, and the application's own role {@code retain} — generated once and kept in {@code pg-passwords} next to the
 * database's files, readable by their owner only; never in the database.
 */
public record DatabasePasswords(String superuser, String application) {

    public static final String FILE_NAME = "pg-passwords";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom random = new SecureRandom();

    /** The passwords of the server whose files are in {@code pgDirectory}; generated and written when there are none. */
    static DatabasePasswords forServer(Path pgDirectory) {
        Path file = fileOf(pgDirectory);
        try {
            if (Files.isRegularFile(file)) {
                restrictToOwner(file);
                return read(file);
            }
            var passwords = new DatabasePasswords(generate(), generate());
            passwords.write(file);
            return passwords;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the database passwords in " + file, e);
        }
    }

    /** The passwords of a server that already has them; fails with a clear message when the file is missing. */
    public static DatabasePasswords existing(Path pgDirectory) {
        Path file = fileOf(pgDirectory);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The embedded database's password file " + file + " is missing");
        }
        try {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the database passwords in " + file, e);
        }
    }

    static Path fileOf(Path pgDirectory) {
        return pgDirectory.toAbsolutePath().normalize().resolveSibling(FILE_NAME);
    }

    private static DatabasePasswords read(Path file) throws IOException {
        var properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        String superuser = properties.getProperty("superuser", "");
        String application = properties.getProperty("retain", "");
        if (!safe(superuser) || !safe(application)) {
            throw new IllegalStateException("The database password file " + file + " is damaged: it needs the lines"
                    + " superuser=... and retain=..., each at least 16 letters, digits, - or _");
        }
        return new DatabasePasswords(superuser, application);
    }

    private void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String text = "# Passwords of the embedded PostgreSQL, generated at its first start. Keep this file private.\n"
                + "superuser=" + superuser + "\nretain=" + application + "\n";
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        Files.deleteIfExists(temporary);
        if (posix()) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes the superuser's password alone, as {@code initdb --pwfile} reads it, into an owner-only file. */
    Path writeSuperuserPasswordFile(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME + ".initdb");
        Files.deleteIfExists(file);
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.writeString(file, superuser + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Safe to write into SQL and configuration as they are: only URL-safe Base64 characters. */
    static boolean safe(String password) {
        return password != null && password.matches("[A-Za-z0-9_-]{16,}");
    }

    private static String generate() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "DatabasePasswords[hidden]";
    }
}
