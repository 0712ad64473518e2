package io.orcagent.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orcagent.runtime.agent.AgentToken;
import io.orcagent.runtime.http.AgentHttpServer;
import io.orcagent.runtime.http.TokenGuard;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.http.api.DowntimeRoutes;
import io.orcagent.runtime.orchestrator.DowntimeState;
import io.orcagent.runtime.orchestrator.DowntimeSwitch;

/**
 * {@code agentctl downtime} against the agent's real downtime routes over HTTP (what the switch then tells
 * orchestrator is the daemon's DowntimeToggleHttpTest).
 */
class AgentCtlDowntimeTest {

    private final AgentToken token = AgentToken.generate();
    private final RecordingSwitch downtime = new RecordingSwitch();
    private AgentHttpServer server;

    @BeforeEach
    void start() {
        server = AgentHttpServer.start(new AgentHttpServer.Settings("127.0.0.1", 0, Optional.empty(), false),
                WireRouter.builder(new TokenGuard(token, "")).add(new DowntimeRoutes(downtime)).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downtimeOnSwitchesItThroughTheApi() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = agentctl(out, err).run("downtime", "on", "127.0.0.1:" + server.port());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"enabled\" : true").contains("\"source\" : \"runtime\"");
        assertThat(downtime.downtimeState().enabled()).isTrue();
    }

    @Test
    void downtimeWithAnUnknownActionIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = agentctl(new ByteArrayOutputStream(), err).run("downtime", "maybe", "127.0.0.1:" + server.port());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: agentctl downtime on|off|status HOST:PORT");
        assertThat(downtime.downtimeState().enabled()).isFalse();
    }

    @Test
    void aWrongTokenFails() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AgentCtl agentctl = new AgentCtl(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("AGENTCTL_TOKEN", "wrong"), false);

        int code = agentctl.run("downtime", "on", "127.0.0.1:" + server.port());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid token");
        assertThat(downtime.downtimeState().enabled()).isFalse();
    }

    private AgentCtl agentctl(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new AgentCtl(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("AGENTCTL_TOKEN", token.value()), false);
    }

    /** The switch behind the routes, without an orchestrator. */
    private static final class RecordingSwitch implements DowntimeSwitch {

        private volatile DowntimeState state = new DowntimeState(false, DowntimeState.CONFIG, null, null);

        @Override
        public DowntimeState downtimeState() {
            return state;
        }

        @Override
        public DowntimeState turnDowntime(boolean on) {
            state = new DowntimeState(on, DowntimeState.RUNTIME, on ? Instant.parse("2024-05-01T00:15:00Z") : null, null);
            return state;
        }
    }
}
