package io.orcagent.plugins.mydumper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Sets the server's global {@code sql_mode} for the duration of a load and puts the real previous
 * value back when closed, whatever happened in between. (The Go agent read the wrong column and reset
 * {@code sql_mode} to an empty string after every restore.)
 */
final class SqlModeOverride implements AutoCloseable {

    private final DataSource dataSource;
    private final String saved;

    private SqlModeOverride(DataSource dataSource, String saved) {
        this.dataSource = dataSource;
        this.saved = saved;
    }

    /**
     * Saves the current global mode and sets another.
     *
     * @param dataSource the local server
     * @param mode the mode to set for now
     * @return the override; close it to restore the saved mode
     * @throws SQLException when the mode cannot be read or set
     */
    static SqlModeOverride set(DataSource dataSource, String mode) throws SQLException {
        Objects.requireNonNull(mode, "mode is null");
        String saved;
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.sql_mode")) {
            if (!rs.next()) {
                throw new SQLException("SELECT @@GLOBAL.sql_mode returned no row");
            }
            saved = Objects.requireNonNullElse(rs.getString(1), "");
        }
        setGlobal(dataSource, mode);
        return new SqlModeOverride(dataSource, saved);
    }

    /**
     * The mode that was in force before and is restored on close.
     *
     * @return the saved mode
     */
    String saved() {
        return saved;
    }

    /** Restores the saved mode. */
    @Override
    public void close() throws SQLException {
        setGlobal(dataSource, saved);
    }

    private static void setGlobal(DataSource dataSource, String mode) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SET GLOBAL sql_mode = ?")) {
            statement.setString(1, mode);
            statement.execute();
        }
    }
}
