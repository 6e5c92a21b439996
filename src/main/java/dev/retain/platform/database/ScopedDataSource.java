package dev.retain.platform.database;

import dev.retain.platform.ViewerScope;
import java.io.Closeable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out connections in the scope of the thread that asks ({@link ViewerScope#current()}): for a viewer who may not
 * see everything, the connection takes the role {@code retain_scoped} with the owners and pools they may see, so that the
 * database's row-level security applies to every statement; given back, it is reset before it returns to the pool.
 */
final class ScopedDataSource extends DelegatingDataSource implements Closeable {

    ScopedDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(obtainTargetDataSource().getConnection(username, password));
    }

    private static Connection scoped(Connection connection) throws SQLException {
        ViewerScope scope = ViewerScope.current();
        if (scope.everything()) {
            return connection;
        }
        try (var statement = connection.prepareStatement(
                "select set_config('retain.scope_owners', ?, false), set_config('retain.scope_pools', ?, false),"
                        + " set_config('role', 'retain_scoped', false)")) {
            statement.setString(1, scope.ownersArray());
            statement.setString(2, scope.poolsArray());
            statement.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(
                ScopedDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        default -> {}
                    }
                    if (method.getName().equals("close") && !connection.isClosed()) {
                        unscope(connection);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Back to the application's own role; a connection that cannot be reset is not given to anyone else. */
    private static void unscope(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            statement.execute("reset role; reset retain.scope_owners; reset retain.scope_pools");
        } catch (SQLException e) {
            connection.abort(Runnable::run);
            throw e;
        }
    }

    @Override
    public void close() throws java.io.IOException {
        if (obtainTargetDataSource() instanceof Closeable pool) {
            pool.close();
        }
    }
}
