package io.orcagent.plugins.clone;

import io.orcagent.api.BinlogCoordinates;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Reads {@code performance_schema.clone_status} on the recipient: one row for the current or last clone
 * (the table is persisted across the restart that ends a clone). When it holds several rows the last one
 * wins, as in the Go agent.
 */
final class CloneStatusTable {

    static final String STATE_QUERY = "SELECT STATE, ERROR_NO, ERROR_MESSAGE FROM performance_schema.clone_status";
    static final String COORDINATES_QUERY =
            "SELECT BINLOG_FILE, BINLOG_POSITION, GTID_EXECUTED FROM performance_schema.clone_status";

    private CloneStatusTable() {
    }

    /**
     * The clone's state.
     *
     * @param connection a connection to the recipient
     * @return the last row, empty when no clone ever ran
     * @throws SQLException when the table cannot be read
     */
    static Optional<CloneState> state(Connection connection) throws SQLException {
        CloneState last = null;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(STATE_QUERY)) {
            while (rows.next()) {
                last = new CloneState(text(rows.getString(1)), rows.getInt(2), text(rows.getString(3)));
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * The binary-log coordinates the clone corresponds to. The GTID set loses its line breaks (MySQL
     * writes one UUID per line).
     *
     * @param connection a connection to the recipient
     * @return the coordinates of the last row, empty when no clone ever ran
     * @throws SQLException when the table cannot be read
     */
    static Optional<BinlogCoordinates> coordinates(Connection connection) throws SQLException {
        BinlogCoordinates last = null;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(COORDINATES_QUERY)) {
            while (rows.next()) {
                String file = text(rows.getString(1));
                long position = rows.getLong(2);
                String gtid = text(rows.getString(3)).replace("\r", "").replace("\n", "");
                last = new BinlogCoordinates(file, position, gtid, "");
            }
        }
        return Optional.ofNullable(last);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
