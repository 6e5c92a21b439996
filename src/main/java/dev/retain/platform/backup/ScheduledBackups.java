package dev.retain.platform.backup;

import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Backups on a schedule, once across all instances: into {@code retain.backup.folder}, keeping the newest as
 * {@code retain.backup.keep} and {@code retain.backup.keep-days} say. Nightly at 03:30 (company time zone) with the
 * embedded database; off with an external one, whose own backups are usually its operator's business, unless
 * {@code retain.backup.cron} is set.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledBackups {

    static final String JOB = "platform.backup";
    static final String EMBEDDED_DEFAULT_CRON = "0 30 3 * * *";

    private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);

    private final DataSource dataSource;
    private final AuditLog audit;
    private final Clock clock;
    private final Path dataDirectory;
    private final Path folder;
    private final boolean includeKeys;
    private final BackupRetention retention;

    ScheduledBackups(
            DataSource dataSource,
            AuditLog audit,
            Clock clock,
            @Value("${retain.data-dir}") Path dataDirectory,
            @Value("${retain.backup.folder}") Path folder,
            @Value("${retain.backup.include-keys}") boolean includeKeys,
            @Value("${retain.backup.keep}") int keep,
            @Value("${retain.backup.keep-days}") int keepDays) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
        this.dataDirectory = dataDirectory;
        this.folder = folder;
        this.includeKeys = includeKeys;
        this.retention = new BackupRetention(keep, keepDays);
    }

    @Bean
    ScheduledJob backupJob(
            @Value("${retain.backup.cron}") String cron, @Value("${retain.db.url}") String url, CompanyZone zone) {
        String schedule = !cron.isBlank() ? cron : url.isBlank() ? EMBEDDED_DEFAULT_CRON : "-";
        return new ScheduledJob(JOB, schedule, zone.zone(), this::run);
    }

    void run() {
        Path target = folder.resolve(BackupNames.next(clock));
        var files = new DataDirectoryFiles(dataDirectory, includeKeys, List.of(folder));
        try {
            BackupWriter.Result result;
            try (Connection connection = dataSource.getConnection()) {
                result = new BackupWriter(RetainVersion.current()).write(connection, files, target, clock.instant());
            }
            audit.recordAs(
                    "system",
                    "create",
                    "backup",
                    target.getFileName(),
                    null,
                    BackupCommand.details(result, "schedule"));
            log.info(BackupCommand.summary(result));
            List<Path> deleted = retention.apply(folder, clock.instant());
            if (!deleted.isEmpty()) {
                log.info("Backup retention deleted {}", deleted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The backup into " + target + " failed: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("The backup into " + target + " failed: " + e.getMessage(), e);
        }
    }
}
