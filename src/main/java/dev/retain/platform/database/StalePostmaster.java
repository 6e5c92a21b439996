package dev.retain.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the JVM was killed, the embedded postmaster lives on and holds the data directory; the next start would
 * fail on {@code postmaster.pid}. This stops that orphan first, and refuses to touch a server whose process still runs.
 */
public final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final String OWNER_FILE = "retain-owner.pid";

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
            if (!ownerIsGone(dataDirectory)) {
                throw new IllegalStateException(
                        "The database in " + dataDirectory + " is in use by another running Retain process");
            }
            log.warn("Stopping PostgreSQL process {} left running by an earlier start", pid);
            postmaster.destroy();
            postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
        waitUntilGone(pidFile, Duration.ofSeconds(5));
    }

    /** Records that this process runs the server in {@code dataDirectory}, until {@link #release}. */
    static void claim(Path dataDirectory) throws IOException {
        Files.writeString(
                dataDirectory.resolve(OWNER_FILE),
                Long.toString(ProcessHandle.current().pid()));
    }

    static void release(Path dataDirectory) throws IOException {
        Files.deleteIfExists(dataDirectory.resolve(OWNER_FILE));
    }

    /** Whether a live process (this one or another) runs the embedded server in {@code dataDirectory}. */
    public static boolean inUse(Path dataDirectory) throws IOException {
        return Files.isRegularFile(dataDirectory.resolve("postmaster.pid")) && !ownerIsGone(dataDirectory);
    }

    /** The owner is gone when no owner is recorded, or the recorded process no longer runs Java. */
    private static boolean ownerIsGone(Path dataDirectory) throws IOException {
        Path owner = dataDirectory.resolve(OWNER_FILE);
        if (!Files.isRegularFile(owner)) {
            return true;
        }
        String pid = Files.readString(owner).strip();
        if (!pid.matches("\\d+")) {
            return true;
        }
        return ProcessHandle.of(Long.parseLong(pid))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.pid() == ProcessHandle.current().pid()
                        || process.info()
                                .command()
                                .map(c -> c.endsWith("/java"))
                                .orElse(false))
                .isEmpty();
    }

    private static void waitUntilGone(Path pidFile, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Files.deleteIfExists(pidFile);
    }
}
