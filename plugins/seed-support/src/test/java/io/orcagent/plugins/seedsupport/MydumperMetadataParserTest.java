package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.BinlogCoordinates;
import org.junit.jupiter.api.Test;

/**
 * {@code positional}, {@code gtid} and {@code multiple} are the wire contract's fixtures; the
 * {@code mydumper-0.10-mariadb*} fixtures are real mydumper 0.10 output against MariaDB 10.11.
 */
class MydumperMetadataParserTest {

    private static final String MULTI_GTID = "07830cf6-6ea9-11ea-8d7f-fa163e2b6126:1-41837,"
            + "39f255c7-78b5-11ea-9825-fa163e2b6126:1-6,7becc1d4-78b7-11ea-88e5-fa163ed0932c:1-6,"
            + "d8c079d0-6ea9-11ea-bd93-fa163e54112f:1-6";

    @Test
    void thePositionalFixtureGivesFileAndPosition() throws Exception {
        assertThat(MydumperMetadataParser.parse(Fixtures.text("mydumper/positional.metadata")))
                .isEqualTo(BinlogCoordinates.positional("mysql-bin.000022", 194));
    }

    @Test
    void theGtidFixtureGivesTheGtidSet() throws Exception {
        assertThat(MydumperMetadataParser.parse(Fixtures.text("mydumper/gtid.metadata"))).isEqualTo(
                new BinlogCoordinates("mysql-bin.000022", 194, "5c2bd8fc-5ee3-11ea-adf4-5254008afee6:1-741", ""));
    }

    @Test
    void theMultipleGtidFixtureJoinsTheContinuationLines() throws Exception {
        assertThat(MydumperMetadataParser.parse(Fixtures.text("mydumper/multiple.metadata")))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000017", 314, MULTI_GTID, ""));
    }

    @Test
    void realMydumper010OutputAgainstMariadbGivesTheMariadbPosition() throws Exception {
        assertThat(MydumperMetadataParser.parse(Fixtures.text("mydumper/mydumper-0.10-mariadb.metadata")))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000001", 1821, "", "0-1-9"));
    }

    @Test
    void realMydumper010OutputWithTwoMariadbDomainsKeepsBoth() throws Exception {
        assertThat(MydumperMetadataParser.parse(Fixtures.text("mydumper/mydumper-0.10-mariadb-multi-domain.metadata")))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000001", 2227, "", "0-1-10,1-1-1"));
    }

    @Test
    void theReplicaStatusOfADumpedReplicaIsIgnored() throws Exception {
        assertThat(MydumperMetadataParser.parse(Fixtures.text("mydumper/mydumper-0.10-mariadb-replica.metadata")))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000001", 900, "", "0-2-4"));
    }

    @Test
    void theMydumper012MasterSectionIsRead() throws Exception {
        String metadata = "# Started dump at: 2023-01-24 14:05:33\n[master]\n"
                + "# Channel_Name = '' # It can be use to setup replication FOR CHANNEL\n"
                + "File = binlog.000003\nPosition = 1234\n"
                + "Executed_Gtid_Set = 5c2bd8fc-5ee3-11ea-adf4-5254008afee6:1-741\n\n"
                + "[`shop`.`items`]\nreal_table_name=items\nrows = 3\n# Finished dump at: 2023-01-24 14:05:34\n";
        assertThat(MydumperMetadataParser.parse(metadata)).isEqualTo(
                new BinlogCoordinates("binlog.000003", 1234, "5c2bd8fc-5ee3-11ea-adf4-5254008afee6:1-741", ""));
    }

    @Test
    void theSourceSectionWithAMariadbGtidIsRead() throws Exception {
        String metadata = "[source]\n# Channel_Name = ''\nFile = mysql-bin.000003\nPosition = 1234\n"
                + "Executed_Gtid_Set = 0-1-10\n\n[replication]\nFile = relay.000001\nPosition = 4\n";
        assertThat(MydumperMetadataParser.parse(metadata))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000003", 1234, "", "0-1-10"));
    }

    @Test
    void theSourceDataLayoutWithQuotedValuesIsRead() throws Exception {
        String metadata = "[source]\n# Channel_Name = '' # It can be use to setup replication FOR CHANNEL\n"
                + "#SOURCE_HOST = \"db1\"\n#SOURCE_PORT = \n#SOURCE_SSL = {0|1}\n"
                + "executed_gtid_set = \"5c2bd8fc-5ee3-11ea-adf4-5254008afee6:1-741\"\n"
                + "SOURCE_AUTO_POSITION = 1\n#SOURCE_LOG_FILE = \"binlog.000007\"\n#SOURCE_LOG_POS = 860\n"
                + "myloader_exec_reset_replica = 0\n";
        assertThat(MydumperMetadataParser.parse(metadata)).isEqualTo(
                new BinlogCoordinates("binlog.000007", 860, "5c2bd8fc-5ee3-11ea-adf4-5254008afee6:1-741", ""));
    }

    @Test
    void metadataWithoutSourceStatusIsRefusedClearly() {
        assertThatThrownBy(() -> MydumperMetadataParser.parse("Started dump at: x\nFinished dump at: y\n"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("binary logging");
    }

    @Test
    void aMissingPositionIsRefused() {
        assertThatThrownBy(() -> MydumperMetadataParser.parse("SHOW MASTER STATUS:\n\tLog: b.1\n\tGTID:\n\n"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("Pos:");
    }

    @Test
    void aPositionThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> MydumperMetadataParser.parse("[master]\nFile = b.1\nPosition = twelve\n"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("twelve");
    }
}
