package io.orcagent.plugins.seedsupport;

import io.orcagent.api.BinlogCoordinates;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Tells MySQL GTID sets ({@code uuid:1-5:7-9,uuid2:10}) from MariaDB GTID positions
 * ({@code 0-1-10,1-2-7}) and builds {@link BinlogCoordinates} with the value in the right field.
 *
 * <p>Rule: a MariaDB source reports its GTID in {@code mariadbGtidPosition} and leaves
 * {@code gtidExecuted} empty, because orchestrator would otherwise feed it to
 * {@code SET GLOBAL gtid_purged}, which MariaDB does not have.
 */
public final class GtidPositions {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** One interval ({@code 7} or {@code 7-9}) or, since MySQL 8.3, a tag before intervals. */
    private static final String SEGMENT = "(?:[0-9]+(?:-[0-9]+)?|[A-Za-z_][A-Za-z0-9_]{0,31})";
    private static final Pattern MYSQL_MEMBER = Pattern.compile(UUID + "(?::" + SEGMENT + ")+");
    private static final Pattern MARIADB_MEMBER = Pattern.compile("[0-9]+-[0-9]+-[0-9]+");

    private GtidPositions() {
    }

    /**
     * Coordinates for a GTID value whatever its flavour.
     *
     * @param logFile binlog file
     * @param position binlog position
     * @param gtid a MySQL GTID set, a MariaDB GTID position, or empty; whitespace and newlines between
     *     members are ignored
     * @return coordinates with the GTID in the field its flavour belongs to
     * @throws MetadataException when the GTID is neither flavour or the file is empty
     */
    public static BinlogCoordinates coordinates(String logFile, long position, String gtid) throws MetadataException {
        Objects.requireNonNull(gtid, "gtid is null");
        if (logFile == null || logFile.isBlank()) {
            throw new MetadataException("no binary log file name");
        }
        if (position < 0) {
            throw new MetadataException("negative binary log position " + position);
        }
        String file = logFile.strip();
        String compact = compact(gtid);
        if (compact.isEmpty()) {
            return BinlogCoordinates.positional(file, position);
        }
        if (isMysqlGtidSet(compact)) {
            return new BinlogCoordinates(file, position, compact, "");
        }
        if (isMariadbGtidPosition(compact)) {
            return new BinlogCoordinates(file, position, "", compact);
        }
        throw new MetadataException("not a MySQL GTID set nor a MariaDB GTID position: " + abbreviate(compact));
    }

    /**
     * Whether a value is a MySQL GTID set.
     *
     * @param value the value, whitespace already removed
     * @return true for {@code uuid:intervals[,uuid:intervals…]}
     */
    public static boolean isMysqlGtidSet(String value) {
        return allMembersMatch(value, MYSQL_MEMBER);
    }

    /**
     * Whether a value is a MariaDB GTID position.
     *
     * @param value the value, whitespace already removed
     * @return true for {@code domain-server-seq[,domain-server-seq…]}
     */
    public static boolean isMariadbGtidPosition(String value) {
        return allMembersMatch(value, MARIADB_MEMBER);
    }

    /**
     * Removes all whitespace (tools wrap long sets over several lines).
     *
     * @param gtid the raw value
     * @return the value without whitespace
     */
    static String compact(String gtid) {
        return gtid.replaceAll("\\s+", "");
    }

    private static boolean allMembersMatch(String value, Pattern member) {
        if (value.isEmpty()) {
            return false;
        }
        for (String m : value.split(",", -1)) {
            if (!member.matcher(m).matches()) {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
