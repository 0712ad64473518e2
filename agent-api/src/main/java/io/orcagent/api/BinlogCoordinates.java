package io.orcagent.api;

import java.util.Objects;

/**
 * Where replication must start on the seeded target.
 *
 * @param logFile binary log file name of the source, e.g. {@code mysql-bin.000017}
 * @param logPosition position in that file
 * @param gtidExecuted the MySQL GTID set the copy contains (empty for positional backups and for
 *     MariaDB sources)
 * @param mariadbGtidPosition the MariaDB GTID position ({@code gtid_slave_pos} value, e.g.
 *     {@code 0-1-10}); empty for MySQL sources
 */
public record BinlogCoordinates(String logFile, long logPosition, String gtidExecuted, String mariadbGtidPosition) {

    /**
     * Validates.
     *
     * @param logFile file
     * @param logPosition position
     * @param gtidExecuted MySQL GTID set
     * @param mariadbGtidPosition MariaDB GTID position
     */
    public BinlogCoordinates {
        Objects.requireNonNull(logFile, "logFile is null");
        Objects.requireNonNull(gtidExecuted, "gtidExecuted is null");
        Objects.requireNonNull(mariadbGtidPosition, "mariadbGtidPosition is null");
        if (logPosition < 0) {
            throw new IllegalArgumentException("negative log position: " + logPosition);
        }
    }

    /**
     * Positional coordinates without GTIDs.
     *
     * @param logFile file
     * @param logPosition position
     * @return coordinates
     */
    public static BinlogCoordinates positional(String logFile, long logPosition) {
        return new BinlogCoordinates(logFile, logPosition, "", "");
    }
}
