package io.orcagent.plugins.clone;

import io.orcagent.api.StageAbortedException;
import io.orcagent.api.StageContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Runs {@code CLONE INSTANCE} over the agent's JDBC connection (never through the mysql client, so the
 * password is on no command line) and tells how it ended. A successful clone restarts the recipient,
 * so losing the connection is the <em>expected</em> end; whether the clone really completed is decided
 * afterwards from {@code performance_schema.clone_status}.
 */
final class CloneExecution {

    /** MySQL's ER_RESTART_SERVER_FAILED: the data is cloned but mysqld has no supervisor to restart it. */
    static final int RESTART_SERVER_FAILED = 3707;

    /** How the statement ended, when it did not fail outright. */
    enum Outcome {
        /** The statement returned; the server restarts (or has restarted) on its own. */
        RETURNED,
        /** The connection dropped: the server went down for its restart, or crashed. */
        CONNECTION_LOST,
        /** Error 3707: cloned, but the server could not restart itself. */
        RESTART_FAILED
    }

    private CloneExecution() {
    }

    /**
     * Runs the statement while a {@link CloneWatcher} handles abort and progress.
     *
     * @param stage the Backup stage
     * @param connection the connection to run it on
     * @param sql the statement (holds the password)
     * @param donor the donor, for messages
     * @param password the password, scrubbed from any error text
     * @param dataSource the local server, for the watcher's progress queries
     * @param timings how often the watcher looks
     * @return how it ended
     * @throws CloneException when the server refused or failed the clone (its error, without the password)
     * @throws StageAbortedException when the stage was aborted
     */
    static Outcome run(StageContext stage, Connection connection, String sql, DonorAddress donor, String password,
                       DataSource dataSource, CloneTimings timings) throws CloneException, StageAbortedException {
        try (Statement statement = connection.createStatement();
             CloneWatcher watcher = CloneWatcher.start(stage, statement, dataSource, timings)) {
            // the text is final SQL: no JDBC {escape} rewriting inside it
            statement.setEscapeProcessing(false);
            statement.execute(sql);
            return Outcome.RETURNED;
        } catch (SQLException e) {
            stage.throwIfCancelled();
            if (e.getErrorCode() == RESTART_SERVER_FAILED) {
                return Outcome.RESTART_FAILED;
            }
            if (connectionLost(e)) {
                return Outcome.CONNECTION_LOST;
            }
            throw new CloneException("CLONE INSTANCE FROM " + donor + " failed: " + describe(e, password));
        }
    }

    /**
     * Whether an exception means the connection is gone (SQLState class 08, or the JDBC connection
     * exception types Connector/J uses for a lost link).
     *
     * @param e the exception
     * @return true for a lost connection
     */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLRecoverableException || e instanceof SQLNonTransientConnectionException
                || (state != null && state.startsWith("08"));
    }

    /**
     * A server error for a stage's error text, with the password replaced should it appear.
     *
     * @param e the error
     * @param password the password
     * @return e.g. {@code ERROR 3862 (HY000): Clone Donor Error: …}
     */
    static String describe(SQLException e, String password) {
        String message = String.valueOf(e.getMessage());
        if (!password.isEmpty()) {
            message = message.replace(password, "<password>");
        }
        return "ERROR " + e.getErrorCode() + " (" + e.getSQLState() + "): " + message;
    }
}
