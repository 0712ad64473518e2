package io.orcagent.plugins.seedsupport;

import io.orcagent.api.BinlogCoordinates;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the replication coordinates from mydumper's {@code metadata} file, in both layouts:
 * <ul>
 *   <li>up to 0.11: a {@code SHOW MASTER STATUS:} block with {@code Log:}, {@code Pos:} and
 *       {@code GTID:} lines (a MySQL GTID set wraps over lines ending with {@code ,}; against MariaDB
 *       the GTID is {@code @@gtid_binlog_pos}, e.g. {@code 0-1-10});</li>
 *   <li>0.12 and later: an INI-like {@code [master]} (later {@code [source]}) section with
 *       {@code File = …}, {@code Position = …}, {@code Executed_Gtid_Set = …}, or with
 *       {@code --source-data} the {@code SOURCE_LOG_FILE}/{@code SOURCE_LOG_POS}/{@code executed_gtid_set}
 *       keys (values possibly quoted, file and position possibly commented out with {@code #}).</li>
 * </ul>
 * Only the source-status block is read; the replica-status block that follows on a replica is ignored.
 */
public final class MydumperMetadataParser {

    private static final String SOURCE = "mydumper metadata";

    private MydumperMetadataParser() {
    }

    /**
     * Parses the file's text.
     *
     * @param text the whole {@code metadata} file
     * @return the coordinates
     * @throws MetadataException when no source status can be found or it is malformed
     */
    public static BinlogCoordinates parse(String text) throws MetadataException {
        Objects.requireNonNull(text, "text is null");
        List<String> lines = text.replace("\r", "").lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).strip();
            if (trimmed.equals("SHOW MASTER STATUS:")) {
                return parseLegacyBlock(lines, i + 1);
            }
            String section = trimmed.toLowerCase(Locale.ROOT);
            if (section.equals("[master]") || section.equals("[source]")) {
                return parseIniSection(lines, i + 1);
            }
        }
        throw new MetadataException(SOURCE + ": no SHOW MASTER STATUS block and no [master]/[source] section "
                + "(is binary logging enabled on the source?)");
    }

    private static BinlogCoordinates parseLegacyBlock(List<String> lines, int start) throws MetadataException {
        String file = null;
        String position = null;
        StringBuilder gtid = new StringBuilder();
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.endsWith("STATUS:") || line.startsWith("Finished dump at")) {
                break;
            }
            if (line.startsWith("Log:")) {
                file = afterColon(line);
            } else if (line.startsWith("Pos:")) {
                position = afterColon(line);
            } else if (line.startsWith("GTID:")) {
                gtid.append(afterColon(line));
                while (gtid.toString().endsWith(",") && i + 1 < lines.size()) {
                    gtid.append(lines.get(++i).strip());
                }
            }
        }
        return coordinates(file, position, gtid.toString(), "Log:", "Pos:");
    }

    private static BinlogCoordinates parseIniSection(List<String> lines, int start) throws MetadataException {
        String file = null;
        String position = null;
        String commentedFile = null;
        String commentedPosition = null;
        String gtid = "";
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("[")) {
                break;
            }
            boolean commented = line.startsWith("#");
            String entry = commented ? line.substring(1).strip() : line;
            int equals = entry.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = entry.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = unquote(entry.substring(equals + 1).strip());
            switch (key) {
                case "file", "source_log_file" -> {
                    if (commented) {
                        commentedFile = value;
                    } else {
                        file = value;
                    }
                }
                case "position", "source_log_pos" -> {
                    if (commented) {
                        commentedPosition = value;
                    } else {
                        position = value;
                    }
                }
                case "executed_gtid_set" -> {
                    if (!commented) {
                        gtid = value;
                    }
                }
                default -> {
                    // other keys (channel name, replica settings) do not affect the coordinates
                }
            }
        }
        return coordinates(file != null ? file : commentedFile, position != null ? position : commentedPosition,
                gtid, "File", "Position");
    }

    private static BinlogCoordinates coordinates(String file, String position, String gtid, String fileKey,
                                                 String positionKey) throws MetadataException {
        if (file == null || file.isEmpty()) {
            throw new MetadataException(SOURCE + ": no " + fileKey + " entry in the source status");
        }
        if (position == null || position.isEmpty()) {
            throw new MetadataException(SOURCE + ": no " + positionKey + " entry in the source status");
        }
        long pos;
        try {
            pos = Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw new MetadataException(SOURCE + ": " + positionKey + " is not a number: "
                    + GtidPositions.abbreviate(position));
        }
        return GtidPositions.coordinates(file, pos, gtid);
    }

    private static String afterColon(String line) {
        return line.substring(line.indexOf(':') + 1).strip();
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            char last = value.charAt(value.length() - 1);
            if ((first == '"' || first == '\'') && first == last) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}
