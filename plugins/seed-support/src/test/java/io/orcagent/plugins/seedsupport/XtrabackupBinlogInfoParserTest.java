package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.BinlogCoordinates;
import org.junit.jupiter.api.Test;

class XtrabackupBinlogInfoParserTest {

    @Test
    void thePositionalFixtureGivesFileAndPosition() throws Exception {
        assertThat(XtrabackupBinlogInfoParser.parse(Fixtures.text("xtrabackup/positional")))
                .isEqualTo(BinlogCoordinates.positional("mysql-bin.000007", 2030155));
    }

    @Test
    void theGtidFixtureGivesTheGtidSet() throws Exception {
        assertThat(XtrabackupBinlogInfoParser.parse(Fixtures.text("xtrabackup/gtid"))).isEqualTo(
                new BinlogCoordinates("mysql-bin.000009", 325, "956ddec0-33c0-11ea-8a71-3738749ebac9:1", ""));
    }

    @Test
    void theMultipleGtidFixtureJoinsTheContinuationLines() throws Exception {
        assertThat(XtrabackupBinlogInfoParser.parse(Fixtures.text("xtrabackup/multiple"))).isEqualTo(
                new BinlogCoordinates("mysql-bin.000017", 314, "07830cf6-6ea9-11ea-8d7f-fa163e2b6126:1-41837,"
                        + "39f255c7-78b5-11ea-9825-fa163e2b6126:1-6,7becc1d4-78b7-11ea-88e5-fa163ed0932c:1-6,"
                        + "d8c079d0-6ea9-11ea-bd93-fa163e54112f:1-6", ""));
    }

    @Test
    void mariabackupsGtidGoesToTheMariadbField() throws Exception {
        assertThat(XtrabackupBinlogInfoParser.parse("mysql-bin.000003\t1234\t0-1-10\n"))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000003", 1234, "", "0-1-10"));
    }

    @Test
    void anEmptyFileIsRefusedInsteadOfCrashing() {
        assertThatThrownBy(() -> XtrabackupBinlogInfoParser.parse("\n"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aFirstLineWithoutTabIsRefusedInsteadOfCrashing() {
        assertThatThrownBy(() -> XtrabackupBinlogInfoParser.parse("mysql-bin.000003 1234"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("file<TAB>position");
    }

    @Test
    void aPositionThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> XtrabackupBinlogInfoParser.parse("mysql-bin.000003\tabc"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("abc");
    }
}
