package io.orcagent.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.cli.AgentCtl;
import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.ReplicaProof;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;

/**
 * Benchmark (not a test; nothing here asserts a timing): in one run, startup time to the first answer
 * of {@code /api/status} and idle RSS of agents started from the distribution, then the same
 * Xtrabackup (mariabackup) seed of a padded dataset streamed between two lab agents without load, while {@code wrk}
 * drives {@code /api/status} and {@code /api/get-agent-data} on the source agent (paced, then
 * saturating), and without load again. Prints a Markdown report and writes it to
 * {@code target/load-benchmark.md}. Needs {@code wrk} (Debian package {@code wrk}); skipped without it.
 * Run with:
 * {@code mvn -B -DskipTests install && mvn -f plugin-dist/pom.xml verify -Dtest=LoadBenchmark -Dbenchmark=true}
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class LoadBenchmark {

    private static final String SOURCE_ADDRESS = "127.0.0.211";
    private static final String TARGET_ADDRESS = "127.0.0.212";
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(20);
    private static final String CONTROL_ADDRESS = "127.0.0.1";
    private static final String SECTIONS = SeedLab.DEFAULT_PLUGIN_SECTIONS
            + "\n[xtrabackup]\nenabled = true\nmysql-owner = \"\"";

    @TempDir
    Path dir;

    /**
     * How the source agent is loaded while one seed runs.
     *
     * @param name the run's name in the report
     * @param statusConnections wrk connections on /api/status, 0 for no load
     * @param statusDelayMillis pause after each status answer per connection
     * @param dataConnections wrk connections on /api/get-agent-data
     * @param dataDelayMillis pause after each get-agent-data answer per connection
     * @param baseline whether this run's Backup counts in the no-load baseline
     */
    record Phase(String name, int statusConnections, int statusDelayMillis, int dataConnections, int dataDelayMillis,
                 boolean baseline) {

        boolean loaded() {
            return statusConnections > 0;
        }
    }

    /**
     * One measured seed.
     *
     * @param phase how it was loaded
     * @param seedSeconds agentctl seed, end to end (Prepare to Cleanup, with polling)
     * @param backupSeconds the source's Backup stage (mariabackup streamed into the target's mbstream)
     * @param backupBytes bytes the Backup stage streamed
     * @param restoreSeconds the target's Restore stage (mariabackup --prepare, MySQL start)
     * @param load wrk's figures per route, empty without load
     * @param probe what a client polling /api/status every 20 ms saw meanwhile
     * @param control the same probe against a trivial HTTP server (the stand-in orchestrator), for the
     *                machine's own latency noise
     * @param sourceCpu CPU time of the source agent (and of the tools it ran) during the seed
     */
    record SeedRun(Phase phase, double seedSeconds, double backupSeconds, double backupBytes, double restoreSeconds,
                   List<Wrk.Result> load, StatusProbe.Result probe, StatusProbe.Result control,
                   Proc.CpuTime sourceCpu) {
    }

    /**
     * One route driven alone, with no seed running.
     *
     * @param wrk wrk's figures
     * @param agentCpu the agent's CPU time meanwhile (its own, and its children's: the status command)
     */
    record RouteAlone(Wrk.Result wrk, Proc.CpuTime agentCpu) {
    }

    @Test
    void seedThroughputAndApiLatencyWithAndWithoutLoad() throws Exception {
        assumeTrue(Wrk.available(), "wrk is not installed (Debian: apt-get install wrk): LoadBenchmark skipped");
        long bytes = Long.getLong("bench.load.bytes", 256L << 20);
        long padBytes = Long.getLong("bench.pad.bytes", 4L << 30);
        int startups = Integer.getInteger("bench.startups", 5);
        Duration idle = Duration.ofSeconds(Long.getLong("bench.idle.seconds", 10));
        String heapOpts = System.getProperty("bench.java.opts", "-Xmx256m");
        String wrkCpus = System.getProperty("bench.wrk.cpus", defaultWrkCpus());
        Duration settle = Duration.ofSeconds(Long.getLong("bench.settle.seconds", 10));

        LoadReport report = new LoadReport(Machine.now(), Machine.loadAverage(), wrkCpus);
        Path home = copyOfDistribution(Path.of(System.getProperty("dist.dir")), dir.resolve("dist"));
        try (SeedLab lab = new SeedLab(dir.resolve("lab"), home, AgentCtl::inProcess)) {
            LabHost source = lab.host("load-source", SOURCE_ADDRESS, 211, SECTIONS);
            List<Duration> checks = new ArrayList<>();
            for (int i = 0; i < startups; i++) {
                checks.add(AgentStartup.launcherVersionCheck());
            }
            report.launcherChecks(checks);
            for (String javaOpts : List.of("", heapOpts)) {
                report.startups(javaOpts, startups(lab, source.mysql(), home, javaOpts, startups, idle));
            }

            Instant loadStart = Instant.now();
            SampleDataset dataset = SampleDataset.ofApproximateBytes(bytes);
            dataset.load(source.dataSource());
            pad(source.dataSource(), padBytes);
            double loadSeconds = seconds(loadStart);
            flushDirtyPages(source.dataSource());
            report.dataset(dataset.rows(), bytes, padBytes, loadSeconds);

            LabHost target = lab.host("load-target", TARGET_ADDRESS, 212, SECTIONS);
            String base = "http://" + source.agent().endpoint();
            String data = "/api/get-agent-data?token=" + source.agent().token();
            // the target's server and agent have just started: let them settle before the idle figures
            Thread.sleep(settle.toMillis());
            StatusProbe idleProbe = StatusProbe.start(SOURCE_ADDRESS, port(source), PROBE_INTERVAL);
            StatusProbe idleControl = StatusProbe.start(CONTROL_ADDRESS, lab.orchestrator().port(), PROBE_INTERVAL);
            Thread.sleep(30_000);
            report.idleProbe(idleProbe.stop(), idleControl.stop());
            report.idleRoutes(List.of(
                    alone(source, new Wrk.Plan("GET /api/status", base, "/api/status", 1, 1, 0, wrkCpus)),
                    alone(source, new Wrk.Plan("GET /api/get-agent-data", base, data, 1, 1, 0, wrkCpus))));

            // a warm-up first (JIT, page cache, the target's first restore); the no-load runs bracket the loaded ones
            List<Phase> phases = List.of(
                    new Phase("warm-up, no load", 0, 0, 0, 0, false),
                    new Phase("no load (1)", 0, 0, 0, 0, true),
                    new Phase("paced load", 16, 10, 2, 100, false),
                    new Phase("saturating load", 16, 0, 4, 0, false),
                    new Phase("no load (2)", 0, 0, 0, 0, true));
            long seedId = 7100;
            for (Phase phase : phases) {
                Thread.sleep(settle.toMillis());
                report.seed(seed(lab, source, target, ++seedId, phase, base, data, wrkCpus));
            }
            ReplicaProof proof = ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(60));
            report.proof(proof.proven() ? "proven (checksums equal, replicating, a new row arrived)"
                    : "NOT proven: " + proof);
            report.peakRss(Proc.peakRssKiB(source.agent().pid()), Proc.peakRssKiB(target.agent().pid()));
        }
        report.finish(Machine.loadAverage());
        List<String> lines = report.lines();
        lines.forEach(System.out::println);
        Files.write(Path.of(System.getProperty("bench.out", "target/load-benchmark.md")), lines);
    }

    // Leaves the other CPU(s) to the agents and MariaDB: in production the load comes from other machines.
    private static String defaultWrkCpus() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return cpus > 1 && Wrk.tasksetAvailable() ? Integer.toString(cpus - 1) : "";
    }

    private List<AgentStartup.Measurement> startups(SeedLab lab, MariaDbSandbox mysql, Path home, String javaOpts,
                                                    int count, Duration idle) throws IOException, InterruptedException {
        List<AgentStartup.Measurement> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path agentDir = Files.createDirectories(dir.resolve("startup").resolve((javaOpts.isEmpty() ? "default" : "opts")
                    + "-" + i));
            int port = MariaDbSandbox.freePort(SOURCE_ADDRESS);
            Path config = LabHost.writeConfig(agentDir, mysql, port, home, lab.orchestrator().port(), SECTIONS);
            out.add(AgentStartup.measure(home, config, SOURCE_ADDRESS, port, javaOpts, idle, i == 0,
                    agentDir.resolve("agent.out")));
        }
        return out;
    }

    private RouteAlone alone(LabHost host, Wrk.Plan plan) throws IOException, InterruptedException {
        Proc.CpuTime before = Proc.cpuTime(host.agent().pid());
        Wrk.Running running = Wrk.start(plan, dir.resolve("wrk-idle"));
        Thread.sleep(10_000);
        Wrk.Result result = running.stop();
        return new RouteAlone(result, Proc.cpuTime(host.agent().pid()).since(before));
    }

    private static int port(LabHost host) {
        String endpoint = host.agent().endpoint();
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private SeedRun seed(SeedLab lab, LabHost source, LabHost target, long seedId, Phase phase, String base,
                         String data, String wrkCpus) throws IOException, InterruptedException {
        resetReplication(target.dataSource());
        List<Wrk.Running> load = new ArrayList<>();
        Path work = dir.resolve("wrk-" + seedId);
        if (phase.loaded()) {
            load.add(Wrk.start(new Wrk.Plan("GET /api/status", base, "/api/status", 1, phase.statusConnections(),
                    phase.statusDelayMillis(), wrkCpus), work));
            load.add(Wrk.start(new Wrk.Plan("GET /api/get-agent-data", base, data, 1, phase.dataConnections(),
                    phase.dataDelayMillis(), wrkCpus), work));
        }
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        StatusProbe probe = StatusProbe.start(SOURCE_ADDRESS, port(source), PROBE_INTERVAL);
        StatusProbe control = StatusProbe.start(CONTROL_ADDRESS, lab.orchestrator().port(), PROBE_INTERVAL);
        Proc.CpuTime cpuBefore = Proc.cpuTime(source.agent().pid());
        Instant start = Instant.now();
        SeedLab.AgentctlRun run = lab.seed("Xtrabackup", seedId, source, target,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        double seedSeconds = seconds(start);
        Proc.CpuTime sourceCpu = Proc.cpuTime(source.agent().pid()).since(cpuBefore);
        StatusProbe.Result probed = probe.stop();
        StatusProbe.Result controlled = control.stop();
        List<Wrk.Result> results = new ArrayList<>();
        for (Wrk.Running running : load) {
            results.add(running.stop());
        }
        if (run.exitCode() != 0) {
            throw new AssertionError("seed " + seedId + " (" + phase.name() + ") failed: " + run.output() + "\n"
                    + progress.toString(StandardCharsets.UTF_8) + "\nsource:\n" + source.agent().logTail()
                    + "\ntarget:\n" + target.agent().logTail());
        }
        StageLog sourceLog = StageLog.read(dir.resolve("lab").resolve(source.name()).resolve("agent.out"));
        StageLog targetLog = StageLog.read(dir.resolve("lab").resolve(target.name()).resolve("agent.out"));
        return new SeedRun(phase, seedSeconds, sourceLog.stage(seedId, "Backup").toMillis() / 1000.0,
                sourceLog.bytesSent(seedId), targetLog.stage(seedId, "Restore").toMillis() / 1000.0, results, probed,
                controlled, sourceCpu);
    }

    // agentctl refuses to overwrite a running replica: the previous seed made the target one.
    private static void resetReplication(DataSource target) {
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            s.execute("STOP SLAVE");
            s.execute("RESET SLAVE ALL");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the target's replication: " + e.getMessage(), e);
        }
    }

    // Incompressible rows made by the server itself (far faster than loading SampleDataset rows over
    // JDBC), kept out of the binlog: the physical backup carries them, replication does not need them.
    private static void pad(DataSource source, long bytes) throws SQLException {
        long rows = bytes / 1000;
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_log_bin = 0");
            s.execute("CREATE DATABASE bench_padding");
            // the SEQUENCE engine's seq_1_to_N tables resolve in the current database
            s.execute("USE bench_padding");
            s.execute("CREATE TABLE bench_padding.blobs (id BIGINT AUTO_INCREMENT PRIMARY KEY, b VARBINARY(1000) NOT NULL)"
                    + " ENGINE=InnoDB");
            for (long done = 0; done < rows; done += 200_000) {
                s.execute("INSERT INTO bench_padding.blobs (b) SELECT RANDOM_BYTES(1000) FROM seq_1_to_"
                        + Math.min(200_000, rows - done));
            }
        }
    }

    // The load leaves dirty pages that InnoDB would flush during the first seed and slow it alone.
    private static void flushDirtyPages(DataSource source) throws SQLException, InterruptedException {
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            double before;
            try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.innodb_max_dirty_pages_pct")) {
                rs.next();
                before = rs.getDouble(1);
            }
            s.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0");
            try {
                Instant deadline = Instant.now().plusSeconds(300);
                while (dirtyPages(s) > 0 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(500);
                }
            } finally {
                s.execute("SET GLOBAL innodb_max_dirty_pages_pct = " + before);
            }
        }
    }

    private static long dirtyPages(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")) {
            return rs.next() ? rs.getLong(2) : 0;
        }
    }

    // A private copy, so a concurrent rebuild of plugin-dist cannot swap jars under running agents.
    private static Path copyOfDistribution(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return to;
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
