package io.orcagent.runtime.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.orcagent.runtime.agent.AgentIdentity;
import io.orcagent.runtime.agent.AgentToken;
import io.orcagent.runtime.agent.ApiFlavourState.Flavour;
import io.orcagent.runtime.agent.ApiFlavourState;
import io.orcagent.runtime.agent.Talkback;
import io.orcagent.runtime.wire.GoJson;

class RegistrationTest {

    private final AgentIdentity identity = new AgentIdentity("db1.example.com", 3002, AgentToken.generate(), 3306);
    private final OrchestratorClient client = new OrchestratorClient(HttpClient.newHttpClient(), Duration.ofSeconds(5));
    private final Talkback talkback = new Talkback(Clock.systemUTC(), Duration.ofMinutes(5));
    private final ApiFlavourState flavour = new ApiFlavourState(Flavour.SEED, false);

    private Registration registration(Flavour api, Duration poll, StubOrchestrator... stubs) {
        List<OrchestratorNode> nodes = java.util.Arrays.stream(stubs)
                .map(s -> OrchestratorNode.of(s.url(), s.port())).toList();
        return new Registration(client, nodes, () -> identity,
                new Registration.Policy(api, poll, Duration.ofHours(1)), flavour, talkback);
    }

    @Test
    void seedForkGetsRegisterAgentWithTheInfoJson() throws Exception {
        try (StubOrchestrator orch = new StubOrchestrator(StubOrchestrator.seedFork());
             Registration r = registration(null, Duration.ofMinutes(1), orch)) {
            r.start();
            await(() -> talkback.healthy());
            StubOrchestrator.Call call = orch.calls().get(0);
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("/api/register-agent");
            assertThat(call.body()).isEqualTo("{\"Hostname\":\"db1.example.com\",\"Port\":3002,\"Token\":\""
                    + identity.token().value() + "\",\"MySQLPort\":3306}");
            assertThat(flavour.current()).isEqualTo(Flavour.SEED);
        }
    }

    @Test
    void upstreamOrchestratorIsDetectedBy404AndGetsSubmitAgent() throws Exception {
        flavour.detected(Flavour.SEED);
        try (StubOrchestrator orch = new StubOrchestrator(StubOrchestrator.upstream());
             Registration r = registration(null, Duration.ofMinutes(1), orch)) {
            r.start();
            await(() -> flavour.current() == Flavour.LEGACY);
            assertThat(orch.calls()).extracting(StubOrchestrator.Call::path).containsExactly(
                    "/api/register-agent", "/api/submit-agent/db1.example.com/3002/" + identity.token().value());
        }
    }

    @Test
    void anErrorBodyWithStatus200IsAFailureAndIsRetriedSoon() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (StubOrchestrator orch = new StubOrchestrator(call -> attempts.incrementAndGet() < 3
                ? new StubOrchestrator.Reply(200, GoJson.string(java.util.Map.of("Code", "ERROR",
                        "Message", "Unable to get agent data: connection refused")))
                : new StubOrchestrator.Reply(200, "\"db1\""));
             Registration r = registration(Flavour.SEED, Duration.ofMinutes(1), orch)) {
            Instant started = Instant.now();
            r.start();
            await(() -> talkback.healthy());
            assertThat(attempts.get()).isEqualTo(3);
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void everyOrchestratorNodeGetsRegistrationAndHeartbeats() throws Exception {
        try (StubOrchestrator a = new StubOrchestrator(StubOrchestrator.seedFork());
             StubOrchestrator b = new StubOrchestrator(StubOrchestrator.seedFork());
             Registration r = registration(Flavour.SEED, Duration.ofMillis(200), a, b)) {
            r.start();
            await(() -> pings(a) >= 2 && pings(b) >= 2);
            assertThat(a.calls().get(0).path()).isEqualTo("/api/register-agent");
            assertThat(b.calls().get(0).path()).isEqualTo("/api/register-agent");
        }
    }

    @Test
    void aPingAnsweredWithAnErrorStatusIsNotTalkback() throws Exception {
        try (StubOrchestrator orch = new StubOrchestrator(StubOrchestrator.seedFork())) {
            OrchestratorNode node = OrchestratorNode.of(orch.url(), orch.port());
            assertThat(client.ping(node)).isTrue();
            orch.script(call -> new StubOrchestrator.Reply(500, "{}"));
            assertThat(client.ping(node)).isFalse();
        }
    }

    private static long pings(StubOrchestrator orch) {
        return orch.calls().stream().filter(c -> c.path().equals("/api/agent-ping")).count();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(20);
        }
    }
}
