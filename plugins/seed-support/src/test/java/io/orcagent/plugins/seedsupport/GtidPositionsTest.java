package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.BinlogCoordinates;
import org.junit.jupiter.api.Test;

class GtidPositionsTest {

    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    @Test
    void anEmptyGtidGivesPositionalCoordinates() throws MetadataException {
        assertThat(GtidPositions.coordinates("mysql-bin.000001", 4, ""))
                .isEqualTo(BinlogCoordinates.positional("mysql-bin.000001", 4));
    }

    @Test
    void aMultiDigitFirstIntervalIsKeptWhole() throws MetadataException {
        assertThat(GtidPositions.coordinates("b.1", 4, UUID + ":12-40").gtidExecuted()).isEqualTo(UUID + ":12-40");
        assertThat(GtidPositions.coordinates("b.1", 4, UUID + ":10").gtidExecuted()).isEqualTo(UUID + ":10");
    }

    @Test
    void aMultiIntervalSetIsKeptWhole() throws MetadataException {
        assertThat(GtidPositions.coordinates("b.1", 4, UUID + ":1-5:7-9").gtidExecuted()).isEqualTo(UUID + ":1-5:7-9");
    }

    @Test
    void aTaggedMysqlGtidSetIsAccepted() throws MetadataException {
        assertThat(GtidPositions.coordinates("b.1", 4, UUID + ":1-5:tag_a:1-3").gtidExecuted())
                .isEqualTo(UUID + ":1-5:tag_a:1-3");
    }

    @Test
    void whitespaceBetweenMembersIsRemoved() throws MetadataException {
        assertThat(GtidPositions.coordinates("b.1", 4, UUID + ":1-5,\n " + UUID.replace('3', '4') + ":1").gtidExecuted())
                .isEqualTo(UUID + ":1-5," + UUID.replace('3', '4') + ":1");
    }

    @Test
    void aMariadbPositionGoesToItsOwnFieldAndLeavesGtidExecutedEmpty() throws MetadataException {
        BinlogCoordinates coordinates = GtidPositions.coordinates("mysql-bin.000003", 1234, "0-1-10,1-2-7");
        assertThat(coordinates.gtidExecuted()).isEmpty();
        assertThat(coordinates.mariadbGtidPosition()).isEqualTo("0-1-10,1-2-7");
    }

    @Test
    void aValueOfNeitherFlavourIsRefused() {
        assertThatThrownBy(() -> GtidPositions.coordinates("b.1", 4, "not-a-gtid"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("not-a-gtid");
    }

    @Test
    void aMissingFileIsRefused() {
        assertThatThrownBy(() -> GtidPositions.coordinates(" ", 4, ""))
                .isInstanceOf(MetadataException.class);
    }
}
