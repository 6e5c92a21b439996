package dev.retain.platform.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The settings under which a table's rows are written and read as text, fixed for the transaction, so that a row
 * comes out of any server as the same bytes: times in UTC and ISO, floats exact, bytes as hex.
 */
final class CopyFormat {

    private CopyFormat() {}

    static void fix(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local timezone = 'UTC'; set local datestyle = 'ISO, YMD';"
                    + " set local intervalstyle = 'postgres'; set local extra_float_digits = 3;"
                    + " set local bytea_output = 'hex'; set local statement_timeout = 0;"
                    // an error instead of rows silently left out, should a policy apply to this role
                    + " set local row_security = off");
        }
    }
}
