package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.BinlogCoordinates;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four Go fixtures ({@code positional}, {@code gtid}, {@code multiple}, {@code mysql8}) carry the
 * wire contract's lines verbatim at its line numbers inside a reconstructed mysqldump header; the
 * {@code mariadb-10.11-*} fixtures are real {@code mariadb-dump --master-data=2} output.
 */
class MysqldumpMetadataParserTest {

    private static final String MULTI_GTID = "07830cf6-6ea9-11ea-8d7f-fa163e2b6126:1-41837,"
            + "39f255c7-78b5-11ea-9825-fa163e2b6126:1-6,7becc1d4-78b7-11ea-88e5-fa163ed0932c:1-6,"
            + "d8c079d0-6ea9-11ea-bd93-fa163e54112f:1-6";
    private static final String HEADER = "-- MySQL dump 10.13\n--\n\n";
    private static final String DATA = "\n--\n-- Current Database: `shop`\n--\n\nCREATE DATABASE `shop`;\n";

    @Test
    void thePositionalFixtureGivesFileAndPosition() throws Exception {
        assertThat(MysqldumpMetadataParser.parse(Fixtures.path("mysqldump/positional.sql")))
                .isEqualTo(BinlogCoordinates.positional("mysql-bin.000005", 68633362));
    }

    @Test
    void theGtidFixtureGivesTheGtidSet() throws Exception {
        assertThat(MysqldumpMetadataParser.parse(Fixtures.path("mysqldump/gtid.sql"))).isEqualTo(
                new BinlogCoordinates("mysql-bin.000005", 68633362, "70f9ba7b-5ee3-11ea-96a0-5254008afee6:1", ""));
    }

    @Test
    void theMultipleGtidFixtureJoinsTheContinuationLines() throws Exception {
        assertThat(MysqldumpMetadataParser.parse(Fixtures.path("mysqldump/multiple.sql")))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000017", 314, MULTI_GTID, ""));
    }

    @Test
    void theMysql8FixtureDropsThePlusPrefix() throws Exception {
        assertThat(MysqldumpMetadataParser.parse(Fixtures.path("mysqldump/mysql8.sql"))).isEqualTo(
                new BinlogCoordinates("mysql-bin.000001", 520, "d400d115-6565-11ea-bb6f-5254008afee6:1", ""));
    }

    @Test
    void mysql8023WordingIsRecognised() throws Exception {
        String dump = HEADER + "-- CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='binlog.000002', SOURCE_LOG_POS=157;\n"
                + DATA;
        assertThat(MysqldumpMetadataParser.parse(dump, "dump"))
                .isEqualTo(BinlogCoordinates.positional("binlog.000002", 157));
    }

    @Test
    void aGtidSetWithMultiDigitAndMultipleIntervalsIsKeptWhole() throws Exception {
        String gtid = "70f9ba7b-5ee3-11ea-96a0-5254008afee6:12-40:42-50,d8c079d0-6ea9-11ea-bd93-fa163e54112f:10";
        String dump = HEADER + "SET @@GLOBAL.GTID_PURGED='" + gtid + "';\n\n"
                + "-- CHANGE MASTER TO MASTER_LOG_FILE='mysql-bin.000002', MASTER_LOG_POS=99;\n" + DATA;
        assertThat(MysqldumpMetadataParser.parse(dump, "dump").gtidExecuted()).isEqualTo(gtid);
    }

    @Test
    void aRealMariadbDumpGivesTheDeferredGtidPositionFromItsEnd() throws Exception {
        assertThat(MysqldumpMetadataParser.parse(Fixtures.path("mysqldump/mariadb-10.11-gtid.sql")))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000001", 1821, "", "0-1-9"));
    }

    @Test
    void aRealMariadbDumpWithTwoDomainsKeepsBoth() throws Exception {
        assertThat(MysqldumpMetadataParser.parse(Fixtures.path("mysqldump/mariadb-10.11-multi-domain.sql")))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000001", 2227, "", "1-1-1,0-1-10"));
    }

    @Test
    void anOlderMariadbDumpWithTheGtidPositionNearTheTopIsRead() throws Exception {
        String dump = HEADER + "-- CHANGE MASTER TO MASTER_LOG_FILE='mysql-bin.000003', MASTER_LOG_POS=1234;\n\n"
                + "-- SET GLOBAL gtid_slave_pos='0-1-10';\n" + DATA;
        assertThat(MysqldumpMetadataParser.parse(dump, "dump"))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000003", 1234, "", "0-1-10"));
    }

    @Test
    void anUncommentedMariadbGtidStatementIsRead() throws Exception {
        String dump = HEADER + "CHANGE MASTER TO MASTER_USE_GTID=slave_pos;\n"
                + "CHANGE MASTER TO MASTER_LOG_FILE='mysql-bin.000003', MASTER_LOG_POS=1234;\n"
                + DATA + "SET GLOBAL gtid_slave_pos='0-1-10';\n";
        assertThat(MysqldumpMetadataParser.parse(dump, "dump"))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000003", 1234, "", "0-1-10"));
    }

    @Test
    void theGtidPositionIsFoundAtTheEndOfALargeDumpWithoutReadingItAll(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("big.sql");
        try (Writer out = Files.newBufferedWriter(dump, StandardCharsets.UTF_8)) {
            out.write(HEADER + "-- CHANGE MASTER TO MASTER_LOG_FILE='mysql-bin.000004', MASTER_LOG_POS=77;\n" + DATA);
            String row = "INSERT INTO `t` VALUES " + "(1,'x'),".repeat(2000) + "(2,'y');\n";
            for (int i = 0; i < 200; i++) {
                out.write(row);
            }
            out.write("\n-- SET GLOBAL gtid_slave_pos='0-3-99';\n\n-- Dump completed\n");
        }
        assertThat(Files.size(dump)).isGreaterThan(2 * 1024 * 1024);
        assertThat(MysqldumpMetadataParser.parse(dump))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000004", 77, "", "0-3-99"));
    }

    @Test
    void aChangeMasterTextInsideTheDataIsNotTakenForTheHeader() {
        String dump = HEADER + DATA + "INSERT INTO `n` VALUES ('-- CHANGE MASTER TO MASTER_LOG_FILE=''x'', MASTER_LOG_POS=1;');\n"
                + "-- CHANGE MASTER TO MASTER_LOG_FILE='mysql-bin.000009', MASTER_LOG_POS=5;\n";
        assertThatThrownBy(() -> MysqldumpMetadataParser.parse(dump, "dump"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("--master-data=2");
    }

    @Test
    void anEmptyDumpIsRefusedClearly() {
        assertThatThrownBy(() -> MysqldumpMetadataParser.parse("", "dump"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("CHANGE MASTER");
    }

    @Test
    void aChangeMasterLineWithoutPositionIsRefused() {
        String dump = HEADER + "-- CHANGE MASTER TO MASTER_LOG_FILE='mysql-bin.000001';\n" + DATA;
        assertThatThrownBy(() -> MysqldumpMetadataParser.parse(dump, "dump"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("no position");
    }

    @Test
    void anUnterminatedGtidStatementIsRefused() {
        String dump = HEADER + "SET @@GLOBAL.GTID_PURGED='70f9ba7b-5ee3-11ea-96a0-5254008afee6:1,\n";
        assertThatThrownBy(() -> MysqldumpMetadataParser.parse(dump, "dump"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("not terminated");
    }

    @Test
    void aGarbledGtidSetIsRefused() {
        String dump = HEADER + "SET @@GLOBAL.GTID_PURGED='70f9ba7b:1';\n"
                + "-- CHANGE MASTER TO MASTER_LOG_FILE='mysql-bin.000001', MASTER_LOG_POS=4;\n" + DATA;
        assertThatThrownBy(() -> MysqldumpMetadataParser.parse(dump, "dump"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("not a GTID set");
    }

    @Test
    void aHugePositionIsRefusedInsteadOfOverflowing() {
        String dump = HEADER + "-- CHANGE MASTER TO MASTER_LOG_FILE='b.1', MASTER_LOG_POS=99999999999999999999;\n";
        assertThatThrownBy(() -> MysqldumpMetadataParser.parse(dump, "dump"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void aFileThatIsNotADumpIsRefusedAfterABoundedRead(@TempDir Path dir) throws IOException {
        Path notADump = dir.resolve("random.bin");
        byte[] line = ("x".repeat(1000) + "\n").getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(notADump)) {
            for (int i = 0; i < 20_000; i++) {
                out.write(line);
            }
        }
        assertThatThrownBy(() -> MysqldumpMetadataParser.parse(notADump))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("first 16 MiB");
    }
}
