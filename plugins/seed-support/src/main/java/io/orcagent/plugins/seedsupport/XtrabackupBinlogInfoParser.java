package io.orcagent.plugins.seedsupport;

import io.orcagent.api.BinlogCoordinates;
import java.util.List;
import java.util.Objects;

/**
 * Reads {@code xtrabackup_binlog_info} (also mariabackup's {@code mariadb_backup_binlog_info}):
 * {@code file⇥position[⇥gtid]} on the first line, a MySQL GTID set continuing on later lines. A
 * MariaDB GTID ({@code 0-1-10}) in the third column goes to {@code mariadbGtidPosition}.
 */
public final class XtrabackupBinlogInfoParser {

    private static final String SOURCE = "xtrabackup_binlog_info";

    private XtrabackupBinlogInfoParser() {
    }

    /**
     * Parses the file's text.
     *
     * @param text the whole file
     * @return the coordinates
     * @throws MetadataException when the file is empty or its first line is not {@code file⇥position…}
     */
    public static BinlogCoordinates parse(String text) throws MetadataException {
        Objects.requireNonNull(text, "text is null");
        List<String> lines = text.replace("\r", "").strip().lines().toList();
        if (lines.isEmpty()) {
            throw new MetadataException(SOURCE + " is empty (was the backup taken with binary logging enabled?)");
        }
        String[] fields = lines.get(0).split("\t", -1);
        if (fields.length < 2) {
            throw new MetadataException(SOURCE + ": first line is not 'file<TAB>position': "
                    + GtidPositions.abbreviate(lines.get(0)));
        }
        long position;
        try {
            position = Long.parseLong(fields[1].strip());
        } catch (NumberFormatException e) {
            throw new MetadataException(SOURCE + ": position is not a number: " + GtidPositions.abbreviate(fields[1]));
        }
        StringBuilder gtid = new StringBuilder(fields.length > 2 ? fields[2] : "");
        for (int i = 3; i < fields.length; i++) {
            gtid.append(fields[i]);
        }
        for (String continuation : lines.subList(1, lines.size())) {
            gtid.append(continuation);
        }
        return GtidPositions.coordinates(fields[0], position, gtid.toString());
    }
}
