package dev.retain.customers;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Reads and deletes a customer's rows of the tables a {@link PersonalDataHolder} names, for the module that owns them. */
@Component
public class PersonalDataRows {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    PersonalDataRows(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every row of the customer in each table, columns by name; JSON as JSON, times as ISO text, bytes as base64. */
    public Map<String, List<Map<String, Object>>> of(long customerId, List<String> tables) {
        var rows = new LinkedHashMap<String, List<Map<String, Object>>>();
        for (String table : tables) {
            rows.put(
                    table,
                    jdbc.sql("select * from " + checked(table) + " where customer_id = ? order by 1, 2")
                            .param(customerId)
                            .query((rs, row) -> row(rs))
                            .list());
        }
        return rows;
    }

    /** The customer's profile row, as it is stored. */
    Map<String, Object> profile(long customerId) {
        return jdbc.sql("select * from customers where id = ?")
                .param(customerId)
                .query((rs, row) -> row(rs))
                .single();
    }

    /** Deletes the customer's rows from the tables; returns how many went. */
    public int delete(long customerId, String... tables) {
        int deleted = 0;
        for (String table : tables) {
            deleted += jdbc.sql("delete from " + checked(table) + " where customer_id = ?")
                    .param(customerId)
                    .update();
        }
        return deleted;
    }

    private Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        var row = new LinkedHashMap<String, Object>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            row.put(meta.getColumnName(column), value(rs.getObject(column)));
        }
        return row;
    }

    private Object value(Object value) throws SQLException {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof PGobject object) {
            return object.getType().startsWith("json") && object.getValue() != null
                    ? json.readTree(object.getValue())
                    : object.getValue();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Array array) {
            return Arrays.asList((Object[]) array.getArray());
        }
        return value.toString();
    }

    private static String checked(String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        return table;
    }
}
