package io.orcagent.runtime.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import org.junit.jupiter.api.Test;

class WireNamesTest {

    @Test
    void everyStageAndSideIsReadBackFromItsWireName() {
        for (Stage stage : Stage.values()) {
            assertThat(WireNames.stage(stage.wireName())).contains(stage);
        }
        for (Side side : Side.values()) {
            assertThat(WireNames.side(side.wireName())).contains(side);
        }
    }

    @Test
    void namesAreCaseSensitiveAndUnknownOnesAreEmpty() {
        assertThat(WireNames.stage("backup")).isEmpty();
        assertThat(WireNames.stage("")).isEmpty();
        assertThat(WireNames.stage(null)).isEmpty();
        assertThat(WireNames.side("target")).isEmpty();
    }
}
