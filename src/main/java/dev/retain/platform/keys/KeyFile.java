package dev.retain.platform.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The key file under the data folder ({@code data/keys/personal-data.keys}): created at the first start with fresh
 * random keys, readable by its owner only (0600, its folder 0700), replaced atomically when a key is added.
 */
public final class KeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path path;

    public KeyFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The keys in the file, made first if there is none. */
    public KeyRing readOrCreate(SecureRandom random) {
        if (!Files.exists(path)) {
            try {
                write(KeyRing.generate(random), false);
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof FileAlreadyExistsException)) {
                    throw e;
                }
                // another process made it at the same moment: read theirs
            }
        }
        return read();
    }

    public KeyRing read() {
        try {
            return KeyRing.parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the personal-data key file " + path, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the personal-data key file " + path + " is not valid: " + e.getMessage());
        }
    }

    /** Writes the ring: a new file only when {@code replace} is false, else atomically over the old one. */
    public void write(KeyRing ring, boolean replace) {
        try {
            Path folder = path.toAbsolutePath().getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder.getParent());
                try {
                    Files.createDirectory(folder, ownerOnly(folder, OWNER_ONLY_FOLDER));
                } catch (FileAlreadyExistsException e) {
                    // made by another process meanwhile
                }
            }
            byte[] content = ring.format().getBytes(StandardCharsets.UTF_8);
            if (!replace) {
                Files.write(Files.createFile(path, ownerOnly(folder, OWNER_ONLY)), content);
                return;
            }
            Path next = Files.createTempFile(folder, ".personal-data", ".keys", ownerOnly(folder, OWNER_ONLY));
            Files.write(next, content);
            Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the personal-data key file " + path, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path folder, Set<PosixFilePermission> permissions) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean posix = existing != null
                && Files.getFileAttributeView(existing, java.nio.file.attribute.PosixFileAttributeView.class) != null;
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
