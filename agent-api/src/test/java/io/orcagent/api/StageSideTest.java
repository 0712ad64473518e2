package io.orcagent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StageSideTest {

    @Test
    void wireNamesAreOrchestratorsNames() {
        assertThat(Stage.CONNECT_SLAVE.wireName()).isEqualTo("ConnectSlave");
        assertThat(Side.SOURCE.wireName()).isEqualTo("Source");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedParsersStillWorkButCarryNoWireErrorText() {
        assertThat(Stage.fromWire("Backup")).isEqualTo(Stage.BACKUP);
        assertThat(Side.fromWire("Target")).isEqualTo(Side.TARGET);

        assertThatThrownBy(() -> Stage.fromWire("backup")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a seed stage: 'backup'");
        assertThatThrownBy(() -> Side.fromWire("Left")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a seed side: 'Left'");
    }
}
