package io.orcagent.runtime.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.orcagent.runtime.orchestrator.OrchestratorApiException.Kind;

/** orchestrator/raft: hints go to the node that answers leader-check, and follow the leader when it moves. */
class LeaderSelectorTest {

    private final InstanceKey db1 = new InstanceKey("db1.example.com", 3306);
    private final OrchestratorApi api = new OrchestratorApi(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(5),
            Optional.empty());

    private String discoverVia(LeaderSelector selector) throws Exception {
        return selector.call(node -> api.discover(node, db1));
    }

    @Test
    void aSingleNodeIsCalledWithoutALeaderCheck() throws Exception {
        try (StubOrchestratorApi only = new StubOrchestratorApi(false)) {
            discoverVia(new LeaderSelector(api, List.of(only.node())));

            assertThat(only.calls()).extracting(StubOrchestratorApi.Call::path)
                    .containsExactly("/api/discover/db1.example.com/3306");
        }
    }

    @Test
    void hintsGoToTheNodeThatAnswersLeaderCheck() throws Exception {
        try (StubOrchestratorApi a = new StubOrchestratorApi(false);
             StubOrchestratorApi b = new StubOrchestratorApi(true)) {
            LeaderSelector selector = new LeaderSelector(api, List.of(a.node(), b.node()));

            discoverVia(selector);

            assertThat(a.calls()).extracting(StubOrchestratorApi.Call::path).containsExactly("/api/leader-check");
            assertThat(b.calls()).extracting(StubOrchestratorApi.Call::path)
                    .containsExactly("/api/leader-check", "/api/discover/db1.example.com/3306");
            assertThat(selector.leader()).contains(b.node());
        }
    }

    @Test
    void aNodeThatIsDownIsSkipped() throws Exception {
        try (StubOrchestratorApi a = new StubOrchestratorApi(true);
             StubOrchestratorApi b = new StubOrchestratorApi(true)) {
            a.stop();
            LeaderSelector selector = new LeaderSelector(api, List.of(a.node(), b.node()));

            discoverVia(selector);

            assertThat(b.hintPaths()).containsExactly("/api/discover/db1.example.com/3306");
        }
    }

    @Test
    void theRememberedLeaderIsCalledWithoutAskingAgain() throws Exception {
        try (StubOrchestratorApi a = new StubOrchestratorApi(false);
             StubOrchestratorApi b = new StubOrchestratorApi(true)) {
            LeaderSelector selector = new LeaderSelector(api, List.of(a.node(), b.node()));

            discoverVia(selector);
            discoverVia(selector);

            assertThat(a.count("/api/leader-check")).isEqualTo(1);
            assertThat(b.count("/api/leader-check")).isEqualTo(1);
            assertThat(b.count("/api/discover/")).isEqualTo(2);
        }
    }

    @Test
    void whenTheLeaderGoesDownHintsMoveToTheNewLeader() throws Exception {
        try (StubOrchestratorApi a = new StubOrchestratorApi(false);
             StubOrchestratorApi b = new StubOrchestratorApi(true)) {
            LeaderSelector selector = new LeaderSelector(api, List.of(a.node(), b.node()));
            discoverVia(selector);

            b.stop();
            a.leader(true);
            discoverVia(selector);

            assertThat(b.hintPaths()).containsExactly("/api/discover/db1.example.com/3306");
            assertThat(a.calls()).extracting(StubOrchestratorApi.Call::path).containsExactly(
                    "/api/leader-check", "/api/leader-check", "/api/discover/db1.example.com/3306");
            assertThat(selector.leader()).contains(a.node());
        }
    }

    @Test
    void withoutALeaderTheFailureNamesEveryNode() throws Exception {
        try (StubOrchestratorApi a = new StubOrchestratorApi(false);
             StubOrchestratorApi b = new StubOrchestratorApi(false)) {
            b.stop();
            LeaderSelector selector = new LeaderSelector(api, List.of(a.node(), b.node()));

            assertThatThrownBy(() -> discoverVia(selector))
                    .isInstanceOfSatisfying(OrchestratorApiException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                        assertThat(e.getMessage())
                                .startsWith("no orchestrator node answered leader-check as the leader (" + a.url()
                                        + ": not the leader; cannot reach orchestrator " + b.url() + " for leader-check");
                    });
            assertThat(a.hintPaths()).isEmpty();
        }
    }

    @Test
    void aRefusalByTheLeaderKeepsTheLeader() throws Exception {
        try (StubOrchestratorApi a = new StubOrchestratorApi(false);
             StubOrchestratorApi b = new StubOrchestratorApi(true)) {
            LeaderSelector selector = new LeaderSelector(api, List.of(a.node(), b.node()));
            discoverVia(selector);
            b.refuse("Unauthorized");

            assertThatThrownBy(() -> discoverVia(selector)).isInstanceOf(OrchestratorApiException.class);

            assertThat(selector.leader()).contains(b.node());
            assertThat(a.count("/api/leader-check")).isEqualTo(1);
        }
    }
}
