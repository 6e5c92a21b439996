package dev.retain;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Retain server in its own JVM, as a second machine would run it: same classpath, its own port, the shared database
 * and SMTP server. {@link #kill()} is {@code kill -9}: no shutdown hook, no finished batch, no closed connection.
 */
public final class ServerProcess implements AutoCloseable {

    /** The setting naming the personal-data key file, and the one the tests' own server uses. */
    public static final String KEY_FILE = "--retain.personal-data.key-file=";

    private static final Path TEST_KEY_FILE = Path.of("target/test-keys/personal-data.keys");

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    /**
     * {@code database} is the pool whose database it shares; {@code settings} are further {@code --name=value}
     * arguments, which win over application.properties.
     */
    public ServerProcess(String name, Path work, HikariDataSource database, int smtpPort, List<String> settings)
            throws IOException {
        this(name, work, database.getJdbcUrl(), database.getUsername(), database.getPassword(), smtpPort, settings);
    }

    public ServerProcess(
            String name,
            Path work,
            String databaseUrl,
            String databaseUser,
            String databasePassword,
            int smtpPort,
            List<String> settings)
            throws IOException {
        this.name = name;
        this.port = freePort();
        this.log = work.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        command = new ArrayList<>(List.of(java, "-Xmx768m"));
        // e.g. -Dbench.instance-opts=-XX:StartFlightRecording=filename={name}.jfr to look inside an instance
        String options = System.getProperty("bench.instance-opts", "").replace("{name}", name);
        if (!options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.retain.RetainApplication",
                "--server.port=" + port,
                "--retain.db.url=" + databaseUrl,
                "--retain.db.user=" + databaseUser,
                "--retain.db.password=" + databasePassword,
                "--retain.data-dir=" + work.resolve(name),
                "--spring.mail.host=localhost",
                "--spring.mail.port=" + smtpPort,
                // the name it greets the SMTP server with tells which instance sent a message
                "--spring.mail.properties.mail.smtp.localhost=" + name,
                "--logging.level.root=WARN"));
        if (settings.stream().noneMatch(setting -> setting.startsWith(KEY_FILE))) {
            // another machine of the same installation has the same personal-data keys
            command.add(KEY_FILE + TEST_KEY_FILE.toAbsolutePath());
        }
        command.addAll(settings);
    }

    public String name() {
        return name;
    }

    /** Starts the JVM and waits until it answers HTTP. */
    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        var http = HttpClient.newHttpClient();
        var health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not start within 3 minutes; see " + log);
    }

    /** SIGKILL, as {@code kill -9} sends it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
