package io.orcagent.runtime.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

import io.orcagent.runtime.config.ConfigException;
import io.orcagent.runtime.config.ConfigLoader;
import io.orcagent.runtime.config.OrchestratorConfig;
import io.orcagent.runtime.config.OrchestratorHintsConfig;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.exec.ShellCommand;

/**
 * The cron jobs of orchestrator's deployment guide, done by the agent, against real HTTP stubs of
 * orchestrator's main API on a virtual clock: exact paths, intervals, jitter bounds, renewal before
 * expiry, the runtime switch and the leader switch.
 */
class OrchestratorHintsTest {

    private static final InstanceKey DB1 = new InstanceKey("db1.example.com", 3306);
    private static final String DISCOVER = "/api/discover/db1.example.com/3306";
    private static final String BEGIN_DOWNTIME = "/api/begin-downtime/";

    @TempDir
    Path dir;

    private final ManualHintScheduler scheduler = new ManualHintScheduler();
    private final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        runner.shutdown();
    }

    private StubOrchestratorApi node(boolean leader) throws IOException {
        StubOrchestratorApi stub = new StubOrchestratorApi(leader);
        toClose.add(stub);
        return stub;
    }

    /** The hint keys as an operator writes them, with api-url naming the stubs. */
    private static OrchestratorHintsConfig config(String lines, StubOrchestratorApi... nodes) throws ConfigException {
        String urls = Arrays.stream(nodes).map(n -> "\"" + n.url() + "\"").collect(Collectors.joining(", "));
        String text = """
                [common]
                backup-dir = "/var/backup"

                [orchestrator]
                url = "orc.example.com"
                api-url = [%s]
                %s

                [mysql]
                user = "agent"
                password = "pw"
                """.formatted(urls, lines);
        return ConfigLoader.parse(Path.of("orchestrator-agent.conf"), text).orchestrator().hints().orElseThrow();
    }

    private OrchestratorHints hints(OrchestratorHintsConfig config, DoubleSupplier draws) {
        Optional<ApiCredentials> credentials = config.apiUser().map(u -> new ApiCredentials(u, config.apiPassword()));
        OrchestratorApi api = new OrchestratorApi(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                Duration.ofSeconds(5), credentials);
        LeaderSelector leader = new LeaderSelector(api, config.apiUrls().stream().map(OrchestratorApiNode::new).toList());
        OrchestratorHints hints = new OrchestratorHints(config, DB1, api, leader,
                PromotionRuleSource.from(config, new ShellCommand(runner)), scheduler,
                new Jitter(config.hintJitter(), draws));
        toClose.add(hints);
        return hints;
    }

    private OrchestratorHints startedWithoutJitter(String lines, StubOrchestratorApi... nodes) throws ConfigException {
        OrchestratorHints hints = hints(config("hint-jitter = 0\n" + lines, nodes), () -> 0.5);
        hints.start();
        scheduler.advance(Duration.ZERO);
        return hints;
    }

    /** Runs the only pending job and returns how long after the previous one it was due. */
    private Duration runNextJob() {
        Instant before = scheduler.now();
        Instant due = scheduler.dueTimes().get(0);
        scheduler.advance(Duration.between(before, due));
        return Duration.between(before, due);
    }

    @Test
    void discoveryRunsAtStartAndThenEveryDiscoverInterval() throws Exception {
        StubOrchestratorApi orc = node(true);
        startedWithoutJitter("promotion-rule-interval = \"2m\"", orc);
        assertThat(orc.hintPaths()).containsExactly(DISCOVER);

        scheduler.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(orc.count(DISCOVER)).isEqualTo(1);

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(orc.count(DISCOVER)).isEqualTo(2);
    }

    @Test
    void discoveryIntervalsStayWithinTheJitterBounds() throws Exception {
        StubOrchestratorApi orc = node(true);
        OrchestratorHints hints = hints(config("hint-jitter = 0.2", orc), Math::random);
        hints.start();
        Duration first = runNextJob();

        List<Duration> gaps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            gaps.add(runNextJob());
        }

        assertThat(first).isLessThan(Duration.ofSeconds(30));
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(Duration.ofMinutes(1152),
                Duration.ofMinutes(1728)));
        assertThat(gaps.stream().distinct().count()).isGreaterThan(100);
        assertThat(orc.count(DISCOVER)).isEqualTo(201);
    }

    @Test
    void aZeroDiscoverIntervalNeverAsksForDiscovery() throws Exception {
        StubOrchestratorApi orc = node(true);
        startedWithoutJitter("discover-interval = \"0\"", orc);

        scheduler.advance(Duration.ofDays(3));

        assertThat(orc.calls()).isEmpty();
        assertThat(scheduler.dueTimes()).isEmpty();
    }

    @Test
    void theConfiguredPromotionRuleIsAnnouncedEveryInterval() throws Exception {
        StubOrchestratorApi orc = node(true);
        startedWithoutJitter("discover-interval = \"0\"\npromotion-rule = \"prefer_not\"", orc);
        scheduler.advance(Duration.ofMinutes(2));
        scheduler.advance(Duration.ofMinutes(2));

        assertThat(orc.hintPaths()).containsExactly(
                "/api/register-candidate/db1.example.com/3306/prefer_not",
                "/api/register-candidate/db1.example.com/3306/prefer_not",
                "/api/register-candidate/db1.example.com/3306/prefer_not");
    }

    @Test
    void aRuleFromTheCommandIsTrimmedAndSent() throws Exception {
        StubOrchestratorApi orc = node(true);
        Path rule = Files.writeString(dir.resolve("rule"), "  Must_Not \n");
        startedWithoutJitter("discover-interval = \"0\"\npromotion-rule-command = \"cat " + rule + "\"", orc);

        assertThat(orc.hintPaths()).containsExactly("/api/register-candidate/db1.example.com/3306/must_not");
    }

    @Test
    void theCommandIsReadAgainBeforeEachAnnouncement() throws Exception {
        StubOrchestratorApi orc = node(true);
        Path rule = Files.writeString(dir.resolve("rule"), "prefer\n");
        startedWithoutJitter("discover-interval = \"0\"\npromotion-rule-command = \"cat " + rule + "\"", orc);

        Files.writeString(rule, "neutral\n");
        scheduler.advance(Duration.ofMinutes(2));

        assertThat(orc.hintPaths()).containsExactly("/api/register-candidate/db1.example.com/3306/prefer",
                "/api/register-candidate/db1.example.com/3306/neutral");
    }

    @Test
    void anInvalidRuleFromTheCommandIsLoggedWithoutTheCommandAndNotSent() throws Exception {
        StubOrchestratorApi orc = node(true);
        Path rule = Files.writeString(dir.resolve("rule"), "maybe\n");
        try (LogCapture logs = new LogCapture()) {
            startedWithoutJitter("discover-interval = \"0\"\npromotion-rule-command = \"cat " + rule
                    + " # token=hunter2\"", orc);

            assertThat(orc.calls()).isEmpty();
            assertThat(logs.text()).contains("promotion-rule-command printed \"maybe\", which is not one of prefer,"
                    + " neutral, prefer_not, must_not; no promotion rule sent").doesNotContain("hunter2");
        }
    }

    @Test
    void aFailingRuleCommandSendsNothing() throws Exception {
        StubOrchestratorApi orc = node(true);
        try (LogCapture logs = new LogCapture()) {
            startedWithoutJitter("discover-interval = \"0\"\npromotion-rule-command = \"echo prefer; exit 3\"", orc);

            assertThat(orc.calls()).isEmpty();
            assertThat(logs.text()).contains("promotion-rule-command failed, no promotion rule sent");
        }
    }

    @Test
    void downtimeBeginsAtStartWithTheConfiguredDurationOwnerAndReason() throws Exception {
        StubOrchestratorApi orc = node(true);
        OrchestratorHints hints = startedWithoutJitter("discover-interval = \"0\"\ndowntime = true\n"
                + "downtime-duration = \"10m\"\ndowntime-owner = \"dba\"\ndowntime-reason = \"auto restore\"", orc);

        assertThat(orc.hintPaths()).containsExactly(
                "/api/begin-downtime/db1.example.com/3306/dba/auto%20restore/10m");
        assertThat(hints.downtimeState()).isEqualTo(new DowntimeState(true, DowntimeState.CONFIG,
                scheduler.now().plus(Duration.ofMinutes(10)), null));
    }

    @Test
    void downtimeIsRenewedBeforeItExpires() throws Exception {
        StubOrchestratorApi orc = node(true);
        OrchestratorHints hints = hints(config("discover-interval = \"0\"\ndowntime = true\n"
                + "downtime-duration = \"15m\"\nhint-jitter = 0.5", orc), Math::random);
        hints.start();
        runNextJob();

        List<Duration> gaps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            gaps.add(runNextJob());
            assertThat(hints.downtimeState().heldUntil()).isEqualTo(scheduler.now().plus(Duration.ofMinutes(15)));
        }

        assertThat(gaps).allSatisfy(gap -> assertThat(gap)
                .isBetween(Duration.ofMillis(225_000), Duration.ofMillis(675_000))
                .isLessThan(Duration.ofMinutes(15)));
        assertThat(orc.count(BEGIN_DOWNTIME)).isEqualTo(201);
    }

    @Test
    void turningDowntimeOffStopsRenewalsAndLetsTheDowntimeLapse() throws Exception {
        StubOrchestratorApi orc = node(true);
        OrchestratorHints hints = startedWithoutJitter("discover-interval = \"0\"\ndowntime = true", orc);
        Instant lapses = scheduler.now().plus(Duration.ofMinutes(15));

        DowntimeState off = hints.turnDowntime(false);
        assertThat(off).isEqualTo(new DowntimeState(false, DowntimeState.RUNTIME, lapses, null));

        scheduler.advance(Duration.ofHours(24));
        assertThat(orc.hintPaths()).hasSize(1).allMatch(p -> p.startsWith(BEGIN_DOWNTIME));
        assertThat(hints.downtimeState().heldUntil()).isNull();
    }

    @Test
    void turningDowntimeOnAtRuntimeBeginsItAtOnce() throws Exception {
        StubOrchestratorApi orc = node(true);
        OrchestratorHints hints = startedWithoutJitter("discover-interval = \"0\"", orc);

        DowntimeState on = hints.turnDowntime(true);
        assertThat(on.enabled()).isTrue();
        assertThat(on.source()).isEqualTo(DowntimeState.RUNTIME);
        scheduler.advance(Duration.ZERO);

        assertThat(orc.hintPaths()).containsExactly("/api/begin-downtime/db1.example.com/3306/orchestrator-agent/"
                + "continuous%20downtime%20from%20orchestrator-agent/15m");
        scheduler.advance(Duration.ofMinutes(7).plusSeconds(30));
        assertThat(orc.count(BEGIN_DOWNTIME)).isEqualTo(2);
    }

    @Test
    void aFailedRenewalIsRetriedWithinAMinuteAndReported() throws Exception {
        StubOrchestratorApi orc = node(true);
        orc.refuse("Cannot read instance");
        OrchestratorHints hints = startedWithoutJitter("discover-interval = \"0\"\ndowntime = true", orc);

        assertThat(hints.downtimeState().lastError())
                .isEqualTo("orchestrator " + orc.url() + " refused begin-downtime: Cannot read instance");
        assertThat(scheduler.dueTimes()).containsExactly(scheduler.now().plus(Duration.ofMinutes(1)));

        orc.refuse(null);
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(hints.downtimeState().lastError()).isNull();
        assertThat(orc.count(BEGIN_DOWNTIME)).isEqualTo(2);
    }

    @Test
    void repeatedFailuresBackOffUpToTheJobsInterval() throws Exception {
        StubOrchestratorApi orc = node(true);
        orc.refuse("Cannot connect to db1.example.com:3306");
        startedWithoutJitter("", orc);

        List<Long> minutes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            minutes.add(runNextJob().toMinutes());
        }
        orc.refuse(null);
        runNextJob();

        assertThat(minutes).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 1024L, 1440L);
        assertThat(scheduler.dueTimes()).containsExactly(scheduler.now().plus(Duration.ofHours(24)));
    }

    @Test
    void hintsFollowTheLeaderWhenItMoves() throws Exception {
        StubOrchestratorApi a = node(false);
        StubOrchestratorApi b = node(true);
        startedWithoutJitter("discover-interval = \"0\"\npromotion-rule = \"prefer\"", a, b);
        assertThat(b.hintPaths()).containsExactly("/api/register-candidate/db1.example.com/3306/prefer");

        b.stop();
        a.leader(true);
        scheduler.advance(Duration.ofMinutes(2));

        assertThat(a.hintPaths()).containsExactly("/api/register-candidate/db1.example.com/3306/prefer");
    }

    @Test
    void everyCallCarriesBasicAuthAndThePasswordNeverReachesTheLog() throws Exception {
        String header = "Basic " + Base64.getEncoder().encodeToString(
                "agents:pw-Zq81".getBytes(StandardCharsets.UTF_8));
        StubOrchestratorApi down = node(true);
        StubOrchestratorApi leader = node(true);
        leader.requireAuthorization(header);
        down.stop();
        try (LogCapture logs = new LogCapture()) {
            startedWithoutJitter("api-user = \"agents\"\napi-password = \"pw-Zq81\"\npromotion-rule = \"prefer\"\n"
                    + "downtime = true", down, leader);
            leader.requireAuthorization("Basic wrong");
            scheduler.advance(Duration.ofMinutes(8));

            assertThat(leader.calls()).hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(call -> assertThat(call.authorization()).contains(header));
            assertThat(logs.text()).contains("HTTP 401").contains("cannot reach orchestrator " + down.url())
                    .doesNotContain("pw-Zq81").doesNotContain(header.substring("Basic ".length()));
        }
    }

    @Test
    void withoutApiUrlNoHintsAreCreated() throws Exception {
        String text = """
                [common]
                backup-dir = "/var/backup"
                [orchestrator]
                url = "orc.example.com"
                [mysql]
                user = "agent"
                password = "pw"
                """;
        OrchestratorConfig orchestrator = ConfigLoader.parse(Path.of("orchestrator-agent.conf"), text).orchestrator();

        assertThat(OrchestratorHints.create(orchestrator, DB1, HttpClient.newHttpClient(), Duration.ofSeconds(5),
                new ShellCommand(runner))).isEmpty();
    }

    @Test
    void hintsCreatedFromTheConfigDiscoverOnTheirOwnScheduler() throws Exception {
        StubOrchestratorApi orc = node(true);
        String text = """
                [common]
                backup-dir = "/var/backup"
                [orchestrator]
                url = "orc.example.com"
                api-url = "%s"
                hint-jitter = 0
                [mysql]
                user = "agent"
                password = "pw"
                """.formatted(orc.url());
        OrchestratorConfig orchestrator = ConfigLoader.parse(Path.of("orchestrator-agent.conf"), text).orchestrator();

        try (OrchestratorHints hints = OrchestratorHints.create(orchestrator, DB1, HttpClient.newHttpClient(),
                Duration.ofSeconds(5), new ShellCommand(runner)).orElseThrow()) {
            hints.start();
            Instant deadline = Instant.now().plusSeconds(20);
            while (orc.count(DISCOVER) == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
        }

        assertThat(orc.hintPaths()).containsExactly(DISCOVER);
    }

    /** Collects this package's log lines (with stack traces) while open. */
    private static final class LogCapture implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger("io.orcagent.runtime.orchestrator");
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        LogCapture() {
            appender.start();
            logger.addAppender(appender);
        }

        String text() {
            return appender.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                    .collect(Collectors.joining("\n"));
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
