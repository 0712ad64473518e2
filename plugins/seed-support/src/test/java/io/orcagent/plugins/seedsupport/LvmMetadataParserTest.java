package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.BinlogCoordinates;
import org.junit.jupiter.api.Test;

class LvmMetadataParserTest {

    @Test
    void thePositionalFixtureGivesFileAndPosition() throws Exception {
        assertThat(LvmMetadataParser.parse(Fixtures.text("lvm/positional")))
                .isEqualTo(BinlogCoordinates.positional("mysql-bin.000009", 701));
    }

    @Test
    void theGtidFixtureGivesTheGtidSet() throws Exception {
        assertThat(LvmMetadataParser.parse(Fixtures.text("lvm/gtid"))).isEqualTo(
                new BinlogCoordinates("mysql-bin.000009", 701, "5c2bd8fc-5ee3-11ea-adf4-5254008afee6:1-741", ""));
    }

    @Test
    void theMultipleGtidFixtureDropsTheLiteralBackslashN() throws Exception {
        assertThat(LvmMetadataParser.parse(Fixtures.text("lvm/multiple"))).isEqualTo(
                new BinlogCoordinates("mysql-bin.000017", 314, "07830cf6-6ea9-11ea-8d7f-fa163e2b6126:1-41837,"
                        + "39f255c7-78b5-11ea-9825-fa163e2b6126:1-6,7becc1d4-78b7-11ea-88e5-fa163ed0932c:1-6,"
                        + "d8c079d0-6ea9-11ea-bd93-fa163e54112f:1-6", ""));
    }

    @Test
    void aMissingFileLineIsRefused() {
        assertThatThrownBy(() -> LvmMetadataParser.parse("Position:4\n"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("File:");
    }

    @Test
    void aPositionThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> LvmMetadataParser.parse("File:b.1\nPosition:x\n"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("not a number");
    }
}
