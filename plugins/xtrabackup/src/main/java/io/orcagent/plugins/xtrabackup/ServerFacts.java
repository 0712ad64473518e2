package io.orcagent.plugins.xtrabackup;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the running target server says about its files, asked in Prepare before it is stopped: its
 * datadir (to confirm the agent empties the right directory) and its error log (to quote if the restored
 * server does not start).
 *
 * @param datadir {@code @@datadir}
 * @param errorLog {@code @@log_error} as an absolute path, empty when the server logs to stderr
 */
record ServerFacts(Path datadir, Optional<Path> errorLog) {

    ServerFacts {
        Objects.requireNonNull(datadir, "datadir is null");
        Objects.requireNonNull(errorLog, "errorLog is null");
    }

    /**
     * Asks the server.
     *
     * @param dataSource the local server
     * @return the facts, or empty when the server does not answer
     */
    static Optional<ServerFacts> ask(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@datadir, @@log_error")) {
            if (!row.next()) {
                return Optional.empty();
            }
            Path datadir = Path.of(row.getString(1));
            return Optional.of(new ServerFacts(datadir, errorLogPath(datadir, row.getString(2))));
        } catch (SQLException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Where {@code @@log_error} points: relative names are relative to the datadir; empty and
     * {@code stderr} mean no file.
     *
     * @param datadir the datadir
     * @param logError the variable's value
     * @return the file, if any
     */
    static Optional<Path> errorLogPath(Path datadir, String logError) {
        if (logError == null || logError.isBlank() || logError.strip().equals("stderr")) {
            return Optional.empty();
        }
        try {
            return Optional.of(datadir.resolve(logError.strip()).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
