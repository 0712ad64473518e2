package io.orcagent.runtime.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.orcagent.runtime.http.api.RequestValues;

/**
 * The ConnectSlave step orchestrator performs, done by agentctl over JDBC on the target: stop and reset
 * replication, point it at the source at the seeded coordinates (GTID auto-position for a MySQL source
 * with a GTID set, file and position otherwise), start it and wait until both threads run.
 * CHANGE MASTER cannot take bound parameters, so every value is validated and quoted here.
 */
public final class ReplicationConnector {

    private static final Pattern LOG_FILE = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.@%-]{1,80}");
    private static final Pattern MYSQL_GTID_SET = Pattern.compile("[0-9a-fA-F:,\\-\\s]{1,65535}");

    private final DataSource target;

    /**
     * Creates the connector.
     *
     * @param target the target server (admin account)
     */
    public ReplicationConnector(DataSource target) {
        this.target = Objects.requireNonNull(target, "target is null");
    }

    /**
     * Where to replicate from.
     *
     * @param sourceHost the source MySQL host (its agent's registered hostname)
     * @param sourcePort the source MySQL port
     * @param logFile binlog file from get-metadata
     * @param logPos binlog position from get-metadata
     * @param gtidExecuted MySQL GTID set from get-metadata (empty for positional or MariaDB)
     */
    public record Coordinates(String sourceHost, int sourcePort, String logFile, long logPos, String gtidExecuted) {
    }

    /**
     * Connects the target and waits until replication runs.
     *
     * @param at where to replicate from
     * @param replicationUser the replication account
     * @param replicationPassword its password
     * @param timeout how long to wait for both threads
     * @throws SQLException when a statement fails or replication does not start
     * @throws InterruptedException when interrupted
     */
    public void connect(Coordinates at, String replicationUser, String replicationPassword, Duration timeout)
            throws SQLException, InterruptedException {
        if (!RequestValues.isHost(at.sourceHost())) {
            throw new SQLException("invalid source host " + at.sourceHost());
        }
        if (!LOG_FILE.matcher(at.logFile()).matches()) {
            throw new SQLException("invalid binlog file name from metadata: " + RequestValues.quoted(at.logFile()));
        }
        if (!USER.matcher(replicationUser).matches()) {
            throw new SQLException("invalid replication user name");
        }
        boolean useGtid = !at.gtidExecuted().isBlank();
        if (useGtid && !MYSQL_GTID_SET.matcher(at.gtidExecuted()).matches()) {
            throw new SQLException("invalid GTID set from metadata");
        }
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            boolean mariadb = version(c).contains("MariaDB");
            s.execute("STOP SLAVE");
            s.execute("RESET SLAVE ALL");
            StringBuilder change = new StringBuilder("CHANGE MASTER TO MASTER_HOST=").append(quote(at.sourceHost()))
                    .append(", MASTER_PORT=").append(at.sourcePort())
                    .append(", MASTER_USER=").append(quote(replicationUser))
                    .append(", MASTER_PASSWORD=").append(quote(replicationPassword));
            if (useGtid && !mariadb) {
                s.execute("RESET MASTER");
                try (PreparedStatement ps = c.prepareStatement("SET GLOBAL gtid_purged = ?")) {
                    ps.setString(1, at.gtidExecuted().replaceAll("\\s", ""));
                    ps.execute();
                }
                change.append(", MASTER_AUTO_POSITION=1");
            } else {
                change.append(", MASTER_LOG_FILE=").append(quote(at.logFile()))
                        .append(", MASTER_LOG_POS=").append(at.logPos());
                if (mariadb) {
                    change.append(", MASTER_USE_GTID=no");
                }
            }
            s.execute(change.toString());
            s.execute("START SLAVE");
        }
        awaitRunning(timeout);
    }

    /**
     * Whether both replication threads run.
     *
     * @return the replica's state
     * @throws SQLException when it cannot be read
     */
    public ReplicaState state() throws SQLException {
        try (Connection c = target.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                return new ReplicaState(false, false, "replication is not configured");
            }
            String error = String.join(" ", rs.getString("Last_IO_Error"), rs.getString("Last_SQL_Error")).strip();
            return new ReplicaState("Yes".equals(rs.getString("Slave_IO_Running")),
                    "Yes".equals(rs.getString("Slave_SQL_Running")), error);
        }
    }

    /**
     * Replication thread states.
     *
     * @param ioRunning IO thread running
     * @param sqlRunning SQL thread running
     * @param lastError the last error, if any
     */
    public record ReplicaState(boolean ioRunning, boolean sqlRunning, String lastError) {
        /**
         * Both threads run.
         *
         * @return true when replicating
         */
        public boolean running() {
            return ioRunning && sqlRunning;
        }
    }

    private void awaitRunning(Duration timeout) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        ReplicaState state = state();
        while (!state.running()) {
            if (Instant.now().isAfter(deadline)) {
                throw new SQLException("replication did not start within " + timeout.toSeconds() + "s (IO "
                        + (state.ioRunning() ? "Yes" : "No") + ", SQL " + (state.sqlRunning() ? "Yes" : "No") + ")"
                        + (state.lastError().isEmpty() ? "" : ": " + state.lastError()));
            }
            Thread.sleep(250);
            state = state();
        }
    }

    private static String version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * A SQL string literal with backslashes and quotes escaped.
     *
     * @param value the value
     * @return the literal
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '\0' -> out.append("\\0");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\u001a' -> out.append("\\Z");
                default -> out.append(ch);
            }
        }
        return out.append('\'').toString();
    }
}
