package dev.retain.platform.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the JVM was killed, the embedded postmaster lives on and holds the data directory; the next start would
 * fail on {@code postmaster.pid}. This stops that orphan first, and refuses to touch a server whose process still runs.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {}

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .command()
                        .map(c -> c.endsWith("postgres"))
                        .orElse(false))
                .orElse(null);
        if (postmaster != null) {
            ProcessHandle owner =
                    postmaster.parent().filter(StalePostmaster::isJava).orElse(null);
            if (owner != null) {
                throw new IllegalStateException("The database in " + dataDirectory
                        + " is in use by another Retain process (pid " + owner.pid() + ")");
            }
            log.warn("Stopping PostgreSQL process {} left running by an earlier start", pid);
            postmaster.destroy();
            postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
        waitUntilGone(pidFile, Duration.ofSeconds(5));
    }

    /**
     * The process that started the embedded server holds a lock on {@code epg-lock} in the data directory while it
     * lives; the operating system releases it when that process dies, however it dies.
     */
    private static boolean ownerIsGone(Path dataDirectory) throws IOException {
        try (FileChannel channel = FileChannel.open(
                dataDirectory.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    private static void waitUntilGone(Path pidFile, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Files.deleteIfExists(pidFile);
    }
}
