package io.orcagent.plugins.seedsupport;

import io.orcagent.api.BinlogCoordinates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the replication coordinates a {@code mysqldump}/{@code mariadb-dump --master-data=2} dump
 * carries.
 *
 * <p>Only the header is read, up to the first line of the data section (a dump is often far too big
 * to scan), plus the last {@value #TAIL_BYTES} bytes, where MariaDB 10.x writes its deferred
 * {@code -- SET GLOBAL gtid_slave_pos='…';}. Recognised:
 * <ul>
 *   <li>{@code -- CHANGE MASTER TO MASTER_LOG_FILE='f', MASTER_LOG_POS=n;} and MySQL 8.0.23+'s
 *       {@code -- CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='f', SOURCE_LOG_POS=n;} (commented or
 *       not); MariaDB's {@code CHANGE MASTER TO MASTER_USE_GTID=slave_pos;} line carries no
 *       coordinates and is skipped;</li>
 *   <li>MySQL's {@code SET @@GLOBAL.GTID_PURGED='…';}, also over several lines and with MySQL 8's
 *       {@code /*!80000 '+'*}{@code /} prefix; the whole set is kept (no truncation of multi-digit or
 *       multi-interval sets);</li>
 *   <li>MariaDB's {@code [-- ]SET GLOBAL gtid_slave_pos='0-1-10';}, near the top (older versions) or
 *       at the end (10.x "deferred" form); it goes to {@code mariadbGtidPosition}.</li>
 * </ul>
 */
public final class MysqldumpMetadataParser {

    /** How much of the end of a dump is searched for MariaDB's deferred GTID position. */
    static final int TAIL_BYTES = 64 * 1024;
    /** A header longer than this is not a mysqldump header. */
    static final long HEADER_LIMIT_CHARS = 16L * 1024 * 1024;
    private static final int LINE_LIMIT_CHARS = 1024 * 1024;

    private static final Pattern CHANGE_SOURCE = Pattern.compile(
            "^\\s*(?:--\\s*)?CHANGE\\s+(?:MASTER|REPLICATION\\s+SOURCE)\\s+(?:'[^']*'\\s+)?TO\\s+(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LOG_FILE = Pattern.compile(
            "(?:MASTER|SOURCE)_LOG_FILE\\s*=\\s*'([^']*)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOG_POS = Pattern.compile(
            "(?:MASTER|SOURCE)_LOG_POS\\s*=\\s*([0-9]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MARIADB_GTID = Pattern.compile(
            "^\\s*(?:--\\s*)?SET\\s+GLOBAL\\s+gtid_slave_pos\\s*=\\s*'([^']*)'\\s*;\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final List<String> DATA_SECTION_STARTS = List.of("-- Current Database:",
            "-- Table structure for table", "CREATE DATABASE", "CREATE TABLE", "DROP TABLE", "USE `",
            "INSERT INTO", "LOCK TABLES");

    private MysqldumpMetadataParser() {
    }

    /**
     * Parses a dump file.
     *
     * @param dumpFile the dump
     * @return the coordinates
     * @throws IOException when the file cannot be read
     * @throws MetadataException when it carries no usable coordinates
     */
    public static BinlogCoordinates parse(Path dumpFile) throws IOException, MetadataException {
        String source = dumpFile.getFileName().toString();
        try (Reader head = new BufferedReader(new InputStreamReader(
                Files.newInputStream(dumpFile), StandardCharsets.UTF_8), 64 * 1024)) {
            return parse(head, () -> tailOf(dumpFile), source);
        }
    }

    /**
     * Parses a dump held in memory (tests, small dumps).
     *
     * @param dump the whole dump
     * @param source a name for messages
     * @return the coordinates
     * @throws MetadataException when it carries no usable coordinates
     */
    public static BinlogCoordinates parse(String dump, String source) throws MetadataException {
        try {
            String tail = dump.length() <= TAIL_BYTES ? dump : dump.substring(dump.length() - TAIL_BYTES);
            return parse(new StringReader(dump), () -> tail, source);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    private static BinlogCoordinates parse(Reader head, TailSupplier tail, String source)
            throws IOException, MetadataException {
        Header header = readHeader(new BoundedLineReader(head, source, HEADER_LIMIT_CHARS, LINE_LIMIT_CHARS), source);
        if (header.mysqlGtidSet().isPresent()) {
            return GtidPositions.coordinates(header.logFile(), header.logPosition(), header.mysqlGtidSet().get());
        }
        Optional<String> mariadb = header.mariadbGtid();
        if (mariadb.isEmpty()) {
            mariadb = lastMariadbGtid(tail.get());
        }
        return GtidPositions.coordinates(header.logFile(), header.logPosition(), mariadb.orElse(""));
    }

    private static Header readHeader(BoundedLineReader lines, String source) throws IOException, MetadataException {
        String logFile = null;
        long logPosition = -1;
        StringBuilder gtidStatement = null;
        String mysqlGtid = null;
        String mariadbGtid = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (gtidStatement != null) {
                gtidStatement.append('\n').append(line);
                if (line.strip().endsWith(";")) {
                    mysqlGtid = gtidPurgedValue(gtidStatement.toString(), source);
                    gtidStatement = null;
                }
                continue;
            }
            if (line.contains("GTID_PURGED")) {
                gtidStatement = new StringBuilder(line);
                if (line.strip().endsWith(";")) {
                    mysqlGtid = gtidPurgedValue(line, source);
                    gtidStatement = null;
                }
                continue;
            }
            Matcher mariadb = MARIADB_GTID.matcher(line);
            if (mariadb.matches()) {
                mariadbGtid = mariadb.group(1);
                continue;
            }
            Matcher change = CHANGE_SOURCE.matcher(line);
            if (change.matches() && logFile == null) {
                Matcher file = LOG_FILE.matcher(change.group(1));
                if (file.find()) {
                    Matcher pos = LOG_POS.matcher(change.group(1));
                    if (!pos.find()) {
                        throw new MetadataException(source + ": CHANGE MASTER line has a log file but no position");
                    }
                    logFile = file.group(1);
                    logPosition = parsePosition(pos.group(1), source);
                    if (mysqlGtid != null || mariadbGtid != null) {
                        break;
                    }
                }
                continue;
            }
            if (startsDataSection(line)) {
                break;
            }
        }
        if (gtidStatement != null) {
            throw new MetadataException(source + ": GTID_PURGED statement is not terminated by ';'");
        }
        if (logFile == null) {
            throw new MetadataException(source + ": no CHANGE MASTER / CHANGE REPLICATION SOURCE line in the "
                    + "dump header (was it taken with --master-data=2 from a server with binary logging?)");
        }
        return new Header(logFile, logPosition, Optional.ofNullable(mysqlGtid), Optional.ofNullable(mariadbGtid));
    }

    /** The concatenated quoted literals after GTID_PURGED, without MySQL 8's leading '+'. */
    private static String gtidPurgedValue(String statement, String source) throws MetadataException {
        String afterKeyword = statement.substring(statement.indexOf("GTID_PURGED") + "GTID_PURGED".length());
        Matcher quoted = QUOTED.matcher(afterKeyword);
        StringBuilder value = new StringBuilder();
        while (quoted.find()) {
            value.append(quoted.group(1));
        }
        String compact = GtidPositions.compact(value.toString());
        if (compact.startsWith("+")) {
            compact = compact.substring(1);
        }
        if (!compact.isEmpty() && !GtidPositions.isMysqlGtidSet(compact)) {
            throw new MetadataException(source + ": GTID_PURGED value is not a GTID set: "
                    + GtidPositions.abbreviate(compact));
        }
        return compact;
    }

    private static Optional<String> lastMariadbGtid(String tail) {
        Matcher m = MARIADB_GTID.matcher(tail);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last);
    }

    private static long parsePosition(String digits, String source) throws MetadataException {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new MetadataException(source + ": binary log position out of range: " + digits);
        }
    }

    private static boolean startsDataSection(String line) {
        for (String start : DATA_SECTION_STARTS) {
            if (line.startsWith(start)) {
                return true;
            }
        }
        return false;
    }

    private static String tailOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int length = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            long offset = size - length;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, offset + buffer.position());
                if (read < 0) {
                    break;
                }
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    private interface TailSupplier {
        String get() throws IOException;
    }

    private record Header(String logFile, long logPosition, Optional<String> mysqlGtidSet,
                          Optional<String> mariadbGtid) {
    }
}
