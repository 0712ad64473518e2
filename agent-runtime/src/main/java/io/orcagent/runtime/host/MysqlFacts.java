package io.orcagent.runtime.host;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Facts read from the local MySQL server: datadir, user schemas with their engines and sizes,
 * {@code log_error} and the version. Every call opens a fresh connection.
 */
public final class MysqlFacts {

    /** Schemas that belong to the server and are never reported. */
    public static final List<String> SYSTEM_SCHEMAS = List.of("information_schema", "mysql", "performance_schema", "sys");

    // MariaDB lists system-versioned tables and sequences under their own TABLE_TYPE; they hold data too
    private static final String TABLES_SQL = """
            SELECT TABLE_SCHEMA, ENGINE,
                   SUM(COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0) + COALESCE(DATA_FREE, 0))
            FROM information_schema.TABLES
            WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE')
              AND TABLE_SCHEMA NOT IN (?, ?, ?, ?)
            GROUP BY TABLE_SCHEMA, ENGINE""";
    private static final String SCHEMATA_SQL =
            "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN (?, ?, ?, ?)";

    private final DataSource dataSource;

    /**
     * Creates it.
     *
     * @param dataSource the local server
     */
    public MysqlFacts(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource is null");
    }

    /**
     * The server's {@code @@datadir}.
     *
     * @return the absolute datadir
     * @throws SQLException when the query fails or the value is not an absolute path
     */
    public Path datadir() throws SQLException {
        return datadirPath(datadirVariable());
    }

    /**
     * The path a {@code @@datadir} value names.
     *
     * @param value the value as the server reports it
     * @return the absolute, normalized path (without the trailing slash)
     * @throws SQLException when the value is not an absolute path
     */
    public static Path datadirPath(String value) throws SQLException {
        if (value == null || value.isEmpty() || !Path.of(value).isAbsolute()) {
            throw new SQLException("@@datadir is not an absolute path: '" + value + "'");
        }
        return Path.of(value).normalize();
    }

    /**
     * The raw {@code @@datadir} string as the server shows it (with its trailing slash), which is what
     * the Go agent put in {@code MySQLDatadir}.
     *
     * @return the value
     * @throws SQLException when the query fails
     */
    public String datadirVariable() throws SQLException {
        String value = variable("@@datadir");
        return value == null ? "" : value;
    }

    /**
     * The server's {@code @@log_error} as it is: empty when errors go to stderr, possibly relative to
     * the datadir (MariaDB shows {@code ./host.err}).
     *
     * @return the raw value, never null
     * @throws SQLException when the query fails
     */
    public String logError() throws SQLException {
        String value = variable("@@log_error");
        return value == null ? "" : value;
    }

    /**
     * The server version.
     *
     * @return e.g. {@code 10.11.19-MariaDB-0+deb12u1-log}
     * @throws SQLException when the query fails
     */
    public String version() throws SQLException {
        return variable("VERSION()");
    }

    /**
     * User schemas (all but information_schema, mysql, performance_schema and sys) with the engines of
     * their tables and their size.
     *
     * @return schema name to facts, sorted by name
     * @throws SQLException when a query fails
     */
    public SortedMap<String, MysqlDatabase> databases() throws SQLException {
        Map<String, TreeSet<String>> engines = new TreeMap<>();
        Map<String, Long> sizes = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement schemata = prepareExcludingSystemSchemas(connection, SCHEMATA_SQL);
                 ResultSet rows = schemata.executeQuery()) {
                while (rows.next()) {
                    engines.put(rows.getString(1), new TreeSet<>());
                    sizes.put(rows.getString(1), 0L);
                }
            }
            try (PreparedStatement tables = prepareExcludingSystemSchemas(connection, TABLES_SQL);
                 ResultSet rows = tables.executeQuery()) {
                while (rows.next()) {
                    String schema = rows.getString(1);
                    String engine = rows.getString(2);
                    long size = rows.getLong(3);
                    if (!engines.containsKey(schema)) {
                        continue; // created between the two queries
                    }
                    if (engine != null) { // NULL when the table cannot be opened
                        engines.get(schema).add(engine);
                    }
                    sizes.merge(schema, size, Long::sum);
                }
            }
        }
        SortedMap<String, MysqlDatabase> databases = new TreeMap<>();
        engines.forEach((schema, names) -> databases.put(schema, new MysqlDatabase(new ArrayList<>(names), sizes.get(schema))));
        return Collections.unmodifiableSortedMap(databases);
    }

    private String variable(String expression) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT " + expression);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    private static PreparedStatement prepareExcludingSystemSchemas(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < SYSTEM_SCHEMAS.size(); i++) {
            statement.setString(i + 1, SYSTEM_SCHEMAS.get(i));
        }
        return statement;
    }
}
