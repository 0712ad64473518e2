package io.orcagent.runtime.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@code CHECKSUM TABLE ... EXTENDED} of every base table outside the system schemas: two servers with
 * equal maps hold the same rows.
 */
public final class Checksums {

    /** Schemas that belong to the server, not to the user. */
    public static final List<String> SYSTEM_SCHEMAS = List.of("information_schema", "mysql", "performance_schema", "sys");

    private Checksums() {
    }

    /**
     * Checksums every user table.
     *
     * @param dataSource the server
     * @return {@code "schema.table"} to checksum, sorted by name
     * @throws SQLException when a query fails or a table vanished while being checksummed
     */
    public static SortedMap<String, Long> of(DataSource dataSource) throws SQLException {
        SortedMap<String, Long> checksums = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String[]> tables = new ArrayList<>();
            try (PreparedStatement list = connection.prepareStatement(
                    "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                            + " WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')"
                            + " AND TABLE_SCHEMA NOT IN (?, ?, ?, ?) ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
                for (int i = 0; i < SYSTEM_SCHEMAS.size(); i++) {
                    list.setString(i + 1, SYSTEM_SCHEMAS.get(i));
                }
                try (ResultSet rows = list.executeQuery()) {
                    while (rows.next()) {
                        tables.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String[] table : tables) {
                    String name = table[0] + "." + table[1];
                    try (ResultSet row = statement.executeQuery(
                            "CHECKSUM TABLE " + identifier(table[0]) + "." + identifier(table[1]) + " EXTENDED")) {
                        if (!row.next()) {
                            throw new SQLException("CHECKSUM TABLE " + name + " returned no row");
                        }
                        long checksum = row.getLong("Checksum");
                        if (row.wasNull()) {
                            throw new SQLException("table " + name + " vanished while being checksummed");
                        }
                        checksums.put(name, checksum);
                    }
                }
            }
        }
        return Collections.unmodifiableSortedMap(checksums);
    }

    /** A backquoted identifier. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
