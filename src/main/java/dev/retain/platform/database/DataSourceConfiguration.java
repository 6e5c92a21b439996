package dev.retain.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.retain.platform.DatabaseReachability;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one data source: an external PostgreSQL when {@code retain.db.url} is set (never without a password), otherwise
 * an embedded PostgreSQL persisting under {@code retain.data-dir}/pg, reached as its role {@code retain}. Its
 * connections carry the data scope of the thread that takes them.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(
            @Value("${retain.db.url}") String url,
            @Value("${retain.db.user}") String user,
            @Value("${retain.db.password}") String password,
            @Value("${retain.data-dir}") Path dataDirectory,
            @Value("${retain.db.embedded.clean-start:false}") boolean cleanStart,
            @Value("${retain.db.pool-size}") int poolSize) {
        var config = new HikariConfig();
        config.setPoolName("retain");
        config.setMaximumPoolSize(poolSize);
        // the rest open under load (the step and send workers) and close again when idle
        config.setMinimumIdle(Math.min(poolSize, 4));
        if (url.isBlank()) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dataDirectory.resolve("pg"), cleanStart);
            DatabaseLogin login = server.applicationLogin();
            config.setJdbcUrl(login.url());
            config.setUsername(login.user());
            config.setPassword(login.password());
            return new ScopedDataSource(new EmbeddedDataSource(config, server));
        }
        String missing = DatabaseReachability.missingPassword(url, password);
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        return new ScopedDataSource(new HikariDataSource(config));
    }

    /** Closes the pool before the embedded server it talks to. */
    static final class EmbeddedDataSource extends HikariDataSource {
        private final EmbeddedPostgresServer server;

        EmbeddedDataSource(HikariConfig config, EmbeddedPostgresServer server) {
            super(config);
            this.server = server;
        }

        @Override
        public void close() {
            super.close();
            server.release();
        }
    }
}
