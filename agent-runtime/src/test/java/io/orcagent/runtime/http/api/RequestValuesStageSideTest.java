package io.orcagent.runtime.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.runtime.http.AgentHttpException;
import org.junit.jupiter.api.Test;

/** Orchestrator's error texts for a bad stage or side in a URL are the runtime's, not the SPI's. */
class RequestValuesStageSideTest {

    @Test
    void aStageOrSideInAUrlIsReadByItsWireName() {
        assertThat(RequestValues.stage("ConnectSlave")).isEqualTo(Stage.CONNECT_SLAVE);
        assertThat(RequestValues.side("Source")).isEqualTo(Side.SOURCE);
    }

    @Test
    void anUnknownOneAnswersWithTheGoAgentsMisspeltText() {
        assertThatThrownBy(() -> RequestValues.stage("Restoring")).isInstanceOf(AgentHttpException.class)
                .hasMessage("Seed stage undefinded");
        assertThatThrownBy(() -> RequestValues.side("source")).isInstanceOf(AgentHttpException.class)
                .hasMessage("Seed side undefinded");
    }
}
