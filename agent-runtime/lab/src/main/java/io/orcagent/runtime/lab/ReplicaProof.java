package io.orcagent.runtime.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;

import javax.sql.DataSource;

import io.orcagent.runtime.sandbox.Checksums;

/**
 * Proves a seeded replica: every table's CHECKSUM TABLE equal on both servers, both replication
 * threads running, and a row written on the source afterwards arriving on the target.
 *
 * @param tables how many tables were compared
 * @param checksumsEqual whether all checksums matched
 * @param mismatches tables that differ (name: source vs target)
 * @param replicating whether both replication threads run
 * @param replicationError the replica's last error, if any
 * @param newRowArrived whether the probe row arrived
 */
public record ReplicaProof(int tables, boolean checksumsEqual, List<String> mismatches, boolean replicating,
                           String replicationError, boolean newRowArrived) {

    /**
     * Whether the replica is proven.
     *
     * @return true when everything holds
     */
    public boolean proven() {
        return tables > 0 && checksumsEqual && replicating && newRowArrived;
    }

    /**
     * Checks a replica.
     *
     * @param source the source server
     * @param target the target server
     * @param wait how long the probe row may take
     * @return the proof
     * @throws SQLException when a server cannot be asked
     * @throws InterruptedException when interrupted
     */
    public static ReplicaProof check(DataSource source, DataSource target, Duration wait)
            throws SQLException, InterruptedException {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(target, "target is null");
        SortedMap<String, Long> expected = Checksums.of(source);
        SortedMap<String, Long> actual = Checksums.of(target);
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            Long other = actual.get(e.getKey());
            if (!e.getValue().equals(other)) {
                mismatches.add(e.getKey() + ": " + e.getValue() + " vs " + other);
            }
        }
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> mismatches.add(k + ": only on target"));
        ReplicaState state = replicaState(target);
        boolean arrived = state.running() && probeRowArrives(source, target, wait);
        return new ReplicaProof(expected.size(), mismatches.isEmpty(), List.copyOf(mismatches), state.running(),
                state.lastError(), arrived);
    }

    /** Reads SHOW SLAVE STATUS itself rather than through agentctl's ReplicationConnector: the lab needs no agentctl. */
    private static ReplicaState replicaState(DataSource target) throws SQLException {
        try (Connection c = target.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                return new ReplicaState(false, "replication is not configured");
            }
            String error = String.join(" ", rs.getString("Last_IO_Error"), rs.getString("Last_SQL_Error")).strip();
            return new ReplicaState("Yes".equals(rs.getString("Slave_IO_Running"))
                    && "Yes".equals(rs.getString("Slave_SQL_Running")), error);
        }
    }

    private record ReplicaState(boolean running, String lastError) {
    }

    private static boolean probeRowArrives(DataSource source, DataSource target, Duration wait)
            throws SQLException, InterruptedException {
        String marker = UUID.randomUUID().toString();
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS lab_probe");
            s.execute("CREATE TABLE IF NOT EXISTS lab_probe.rows_after_seed "
                    + "(id BIGINT AUTO_INCREMENT PRIMARY KEY, marker CHAR(36) NOT NULL) ENGINE=InnoDB");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO lab_probe.rows_after_seed (marker) VALUES (?)")) {
                ps.setString(1, marker);
                ps.executeUpdate();
            }
        }
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = target.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM lab_probe.rows_after_seed WHERE marker = ?")) {
                ps.setString(1, marker);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) == 1) {
                        return true;
                    }
                }
            } catch (SQLException notYet) {
                // the table may not have replicated yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Override
    public String toString() {
        return "tables=" + tables + ", checksums " + (checksumsEqual ? "equal" : "DIFFER " + mismatches)
                + ", replication " + (replicating ? "running" : "NOT running " + replicationError)
                + ", new row " + (newRowArrived ? "arrived" : "did NOT arrive");
    }
}
