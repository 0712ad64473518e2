package io.orcagent.plugins.seedsupport;

import io.orcagent.api.BinlogCoordinates;
import java.util.Objects;

/**
 * Reads the {@code metadata} file an LVM snapshot script writes into the datadir:
 * {@code File:…}, {@code Position:…}, {@code Executed_Gtid_Set:…} lines, where the GTID set may
 * contain the two characters {@code \n} (the mysql client's batch-mode escape for a newline).
 */
public final class LvmMetadataParser {

    private static final String SOURCE = "snapshot metadata";

    private LvmMetadataParser() {
    }

    /**
     * Parses the file's text.
     *
     * @param text the whole file
     * @return the coordinates
     * @throws MetadataException when {@code File:} or {@code Position:} is missing or malformed
     */
    public static BinlogCoordinates parse(String text) throws MetadataException {
        Objects.requireNonNull(text, "text is null");
        String file = null;
        String position = null;
        String gtid = "";
        for (String raw : text.replace("\r", "").lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("File:")) {
                file = afterColon(line);
            } else if (line.startsWith("Position:")) {
                position = afterColon(line);
            } else if (line.startsWith("Executed_Gtid_Set:")) {
                gtid = afterColon(line).replace("\\n", "");
                break;
            }
        }
        if (file == null || file.isEmpty()) {
            throw new MetadataException(SOURCE + ": no File: line");
        }
        if (position == null || position.isEmpty()) {
            throw new MetadataException(SOURCE + ": no Position: line");
        }
        try {
            return GtidPositions.coordinates(file, Long.parseLong(position), gtid);
        } catch (NumberFormatException e) {
            throw new MetadataException(SOURCE + ": Position is not a number: " + GtidPositions.abbreviate(position));
        }
    }

    private static String afterColon(String line) {
        return line.substring(line.indexOf(':') + 1).strip();
    }
}
