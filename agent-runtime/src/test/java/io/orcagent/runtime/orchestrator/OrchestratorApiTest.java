package io.orcagent.runtime.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.orcagent.runtime.config.PromotionRule;
import io.orcagent.runtime.config.Secret;
import io.orcagent.runtime.orchestrator.OrchestratorApiException.Kind;

/** The calls match orchestrator's main-API routes exactly (go/http/api.go, RegisterRequests). */
class OrchestratorApiTest {

    private final InstanceKey db1 = new InstanceKey("db1.example.com", 3306);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final OrchestratorApi api = new OrchestratorApi(http, Duration.ofSeconds(5), Optional.empty());
    private final StubOrchestratorApi orc = stub();

    private static StubOrchestratorApi stub() {
        try {
            return new StubOrchestratorApi(true);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        orc.close();
    }

    @Test
    void discoverAsksForTheHostnameAndMysqlPort() throws Exception {
        String message = api.discover(orc.node(), db1);

        assertThat(orc.calls()).extracting(StubOrchestratorApi.Call::path)
                .containsExactly("/api/discover/db1.example.com/3306");
        assertThat(orc.calls().get(0).method()).isEqualTo("GET");
        assertThat(message).isEqualTo("done: discover");
    }

    @Test
    void registerCandidateCarriesEachRuleAsOrchestratorNamesIt() throws Exception {
        for (PromotionRule rule : PromotionRule.values()) {
            api.registerCandidate(orc.node(), db1, rule);
        }

        assertThat(orc.hintPaths()).containsExactly(
                "/api/register-candidate/db1.example.com/3306/prefer",
                "/api/register-candidate/db1.example.com/3306/neutral",
                "/api/register-candidate/db1.example.com/3306/prefer_not",
                "/api/register-candidate/db1.example.com/3306/must_not");
    }

    @Test
    void beginDowntimeEncodesOwnerAndReasonAndWritesTheDurationAsOrchestratorReadsIt() throws Exception {
        api.beginDowntime(orc.node(), db1, "orchestrator-agent", "continuous downtime (auto-restore)",
                Duration.ofMinutes(15));

        assertThat(orc.hintPaths()).containsExactly("/api/begin-downtime/db1.example.com/3306/orchestrator-agent/"
                + "continuous%20downtime%20%28auto-restore%29/15m");
    }

    @Test
    void endDowntimeNamesTheInstance() throws Exception {
        api.endDowntime(orc.node(), db1);

        assertThat(orc.hintPaths()).containsExactly("/api/end-downtime/db1.example.com/3306");
    }

    @Test
    void aPathUnderAUrlPrefixKeepsThePrefix() throws Exception {
        orc.urlPrefix("/orchestrator");

        api.discover(new OrchestratorApiNode(java.net.URI.create(orc.url() + "/orchestrator")), db1);

        assertThat(orc.hintPaths()).containsExactly("/orchestrator/api/discover/db1.example.com/3306");
    }

    @Test
    void durationsAreWrittenInWholeHoursMinutesOrSeconds() {
        assertThat(OrchestratorApi.simpleTime(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(OrchestratorApi.simpleTime(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(OrchestratorApi.simpleTime(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThatThrownBy(() -> OrchestratorApi.simpleTime(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOwnerWithASlashIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> api.beginDowntime(orc.node(), db1, "a/b", "reason", Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner");
        assertThat(orc.calls()).isEmpty();
    }

    @Test
    void orchestratorsErrorEnvelopeIsARefusalWithItsMessage() {
        orc.refuse("Invalid CandidatePromotionRule: must");

        assertThatThrownBy(() -> api.registerCandidate(orc.node(), db1, PromotionRule.PREFER))
                .isInstanceOfSatisfying(OrchestratorApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REFUSED);
                    assertThat(e.getMessage()).isEqualTo("orchestrator " + orc.url()
                            + " refused register-candidate: Invalid CandidatePromotionRule: must");
                });
    }

    @Test
    void aNodeThatIsDownIsUnreachable() {
        orc.stop();

        assertThatThrownBy(() -> api.discover(orc.node(), db1))
                .isInstanceOfSatisfying(OrchestratorApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.getMessage()).startsWith("cannot reach orchestrator " + orc.url() + " for discover: ");
                });
    }

    @Test
    void leaderCheckIsTrueOn200AndFalseOnNotLeader() throws Exception {
        assertThat(api.isLeader(orc.node())).isTrue();
        orc.leader(false);
        assertThat(api.isLeader(orc.node())).isFalse();
        assertThat(orc.calls()).extracting(StubOrchestratorApi.Call::path)
                .containsExactly("/api/leader-check", "/api/leader-check");
    }

    @Test
    void basicAuthTravelsInTheHeaderOnly() throws Exception {
        String header = "Basic " + Base64.getEncoder().encodeToString("agents:s3cret!".getBytes(StandardCharsets.UTF_8));
        orc.requireAuthorization(header);
        OrchestratorApi withAuth = new OrchestratorApi(http, Duration.ofSeconds(5),
                Optional.of(new ApiCredentials("agents", new Secret("s3cret!"))));

        withAuth.isLeader(orc.node());
        withAuth.discover(orc.node(), db1);

        assertThat(orc.calls()).allSatisfy(call -> {
            assertThat(call.authorization()).contains(header);
            assertThat(call.path()).doesNotContain("s3cret").doesNotContain("agents");
        });
    }

    @Test
    void wrongCredentialsAreARefusalThatPointsAtTheKeys() {
        orc.requireAuthorization("Basic something-else");

        assertThatThrownBy(() -> api.discover(orc.node(), db1))
                .isInstanceOfSatisfying(OrchestratorApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REFUSED);
                    assertThat(e.getMessage()).endsWith("refused discover with HTTP 401: check orchestrator.api-user"
                            + " and api-password");
                });
    }

    @Test
    void theCredentialsRecordDoesNotShowThePassword() {
        assertThat(new ApiCredentials("agents", new Secret("s3cret!")).toString()).doesNotContain("s3cret!");
    }
}
