package dev.retain.platform.backup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files of the data directory a backup takes along (uploaded import files, and whatever else Retain keeps there),
 * and where a restore puts them back. Never the embedded database's own files and passwords (the database is in the
 * backup as data), the backups themselves, nor the key files under {@code keys/} unless asked.
 */
final class DataDirectoryFiles {

    static final String KEYS = "keys";
    private static final Set<String> NEVER = Set.of("pg", "pg-runtime", "pg-passwords", "pg-passwords.new");

    private final Path root;
    private final boolean includeKeys;
    private final List<Path> excluded;

    /**
     * {@code excluded}: further folders left out, such as the one backups are written to (ignored when it is the data
     * directory itself, or holds it). Backups and leftovers of interrupted ones are left out wherever they are.
     */
    DataDirectoryFiles(Path root, boolean includeKeys, List<Path> excluded) {
        this.root = root.toAbsolutePath().normalize();
        this.includeKeys = includeKeys;
        this.excluded = excluded.stream()
                .map(path -> path.toAbsolutePath().normalize())
                .filter(path -> !this.root.startsWith(path))
                .toList();
    }

    boolean includesKeys() {
        return includeKeys;
    }

    /** The regular files to take along, sorted; links are not followed. */
    List<Path> list() throws IOException {
        var files = new ArrayList<Path>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                if (directory.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                return left(directory) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()
                        && !left(file)
                        && BackupNames.takenAt(file).isEmpty()
                        && !BackupWriter.isPartial(file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // gone meanwhile (an import finished and deleted its file): nothing to take along
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    private boolean left(Path path) {
        if (excluded.stream().anyMatch(path::startsWith)) {
            return true;
        }
        Path relative = root.relativize(path);
        String first = relative.getName(0).toString();
        return NEVER.contains(first) || (first.equals(KEYS) && !includeKeys);
    }

    /** The file's path in the backup: relative to the data directory, with forward slashes. */
    String relative(Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /**
     * Where the file that was at {@code relative} goes in the data directory {@code root}; refuses a path that would
     * leave it or land among the database's own files.
     */
    static Path restoredPath(Path root, String relative) {
        Path normalizedRoot = root.toAbsolutePath().normalize();
        Path target = normalizedRoot.resolve(relative).normalize();
        if (relative.isEmpty()
                || relative.startsWith("/")
                || relative.contains("\\")
                || !target.startsWith(normalizedRoot)
                || target.equals(normalizedRoot)
                || NEVER.contains(normalizedRoot.relativize(target).getName(0).toString())) {
            throw new BackupRefusedException("the backup names a file outside the data directory: " + relative);
        }
        return target;
    }
}
