package io.orcagent.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Collects {@link LoadBenchmark}'s figures and renders them as the {@code ## Load} and
 * {@code ## Idle footprint and startup} sections of docs/benchmarks.md.
 */
final class LoadReport {

    private static final double MIB = 1024.0 * 1024.0;

    private final Machine machine;
    private final String loadAtStart;
    private final String wrkCpus;
    private final Map<String, List<AgentStartup.Measurement>> startups = new TreeMap<>();
    private final List<LoadBenchmark.SeedRun> seeds = new ArrayList<>();
    private List<LoadBenchmark.RouteAlone> idleRoutes = List.of();
    private StatusProbe.Result idleProbe;
    private StatusProbe.Result idleControl;
    private List<Duration> launcherChecks = List.of();
    private String dataset = "";
    private String proof = "";
    private String peakRss = "";
    private String loadAtEnd = "";

    LoadReport(Machine machine, String loadAtStart, String wrkCpus) {
        this.machine = machine;
        this.loadAtStart = loadAtStart;
        this.wrkCpus = wrkCpus;
    }

    void startups(String javaOpts, List<AgentStartup.Measurement> measured) {
        startups.put(javaOpts, List.copyOf(measured));
    }

    void launcherChecks(List<Duration> checks) {
        launcherChecks = List.copyOf(checks);
    }

    void dataset(long rows, long bytes, long padBytes, double loadSeconds) {
        dataset = String.format(Locale.ROOT, "SampleDataset(%d) (about %.0f MiB of InnoDB, MyISAM and Aria rows) plus "
                + "%.0f MiB of incompressible 1000-byte InnoDB rows (`bench_padding.blobs`, made server-side with "
                + "`RANDOM_BYTES` and kept out of the binlog), loaded in %.0f s", rows, bytes / MIB, padBytes / MIB,
                loadSeconds);
    }

    void idleProbe(StatusProbe.Result result, StatusProbe.Result control) {
        idleProbe = result;
        idleControl = control;
    }

    void idleRoutes(List<LoadBenchmark.RouteAlone> results) {
        idleRoutes = List.copyOf(results);
    }

    void seed(LoadBenchmark.SeedRun run) {
        seeds.add(run);
        System.out.println(String.format(Locale.ROOT, "[load benchmark] %s: seed %.1f s, Backup %.1f s (%.1f MiB/s)",
                run.phase().name(), run.seedSeconds(), run.backupSeconds(), rate(run)));
    }

    void proof(String text) {
        proof = text;
    }

    void peakRss(long sourceKiB, long targetKiB) {
        peakRss = String.format(Locale.ROOT, "source agent %.0f MiB, target agent %.0f MiB", sourceKiB / 1024.0,
                targetKiB / 1024.0);
    }

    void finish(String loadAverage) {
        loadAtEnd = loadAverage;
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("## Load");
        out.add("");
        out.addAll(runFacts());
        out.add("* Dataset: " + dataset + ".");
        out.add("* Seed: `Xtrabackup` (mariabackup `--backup --stream=xbstream` on the source, streamed by the agents' "
                + "transfer service, plain TCP, no bandwidth cap, into `mbstream -x` on the target; Restore = "
                + "`mariabackup --prepare` and MySQL start), driven by `agentctl seed` (polls every second). Both lab agents run with JAVA_OPTS "
                + (System.getenv("JAVA_OPTS") == null ? "unset (JVM ergonomics: G1, max heap a quarter of RAM)"
                : "`" + System.getenv("JAVA_OPTS") + "`") + ".");
        out.add("* Load: `wrk` on the **source** agent (the one streaming), one process per route, 1 thread each, "
                + (wrkCpus.isEmpty() ? "not pinned" : "both pinned with `taskset -c " + wrkCpus + "`")
                + "; each connection is a closed loop (sends its next request when the answer arrives, after the "
                + "delay if any, via wrk's Lua `delay()`); started just before `agentctl seed` and stopped with SIGINT "
                + "when it returns, so the load covers the whole seed.");
        out.add("");
        out.add("| Run | Load on the source agent | Seed end to end | Backup stage | Backup rate | Backup vs mean of the "
                + "no-load runs | Restore stage | Source agent CPU: JVM + tools it ran |");
        out.add("|---|---|---|---|---|---|---|---|");
        double baseline = baselineBackupSeconds();
        for (LoadBenchmark.SeedRun run : seeds) {
            boolean compared = !run.phase().baseline() && baseline > 0;
            out.add(String.format(Locale.ROOT, "| %s | %s | %.1f s | %.1f s (%.0f MiB) | %.1f MiB/s | %s | %.1f s | %.1f s + %.1f s |",
                    run.phase().name(), loadText(run.phase()), run.seedSeconds(), run.backupSeconds(),
                    run.backupBytes() / MIB, rate(run),
                    compared ? String.format(Locale.ROOT, "%+.1f %%", (run.backupSeconds() / baseline - 1) * 100) : "—",
                    run.restoreSeconds(), seconds(run.sourceCpu().self()), seconds(run.sourceCpu().children())));
        }
        out.add("");
        out.add("`GET /api/status` as a polling client sees it: the benchmark JVM sends one request every 20 ms on a "
                + "new connection and times each from when it was due to when its whole answer arrived (raw "
                + "latencies, nothing extrapolated). The control column is the same probe, at the same time, "
                + "against a trivial HTTP server (the JDK's, the stand-in orchestrator in the benchmark JVM): "
                + "what the machine itself adds.");
        out.add("");
        out.add("| While | Requests | p50 | p90 | p99 | p99.9 | max | failed | control: p50, p99, max |");
        out.add("|---|---|---|---|---|---|---|---|---|");
        if (idleProbe != null) {
            out.add(probeRow("no seed, no load", idleProbe, idleControl));
        }
        for (LoadBenchmark.SeedRun run : seeds) {
            out.add(probeRow("seed, " + run.phase().name(), run.probe(), run.control()));
        }
        out.add("");
        out.add("The load itself as wrk measured it (`--latency`; p50/p90/p99 from wrk's distribution, max from its "
                + "thread stats). wrk corrects for coordinated omission: a request slower than the mean interval "
                + "between requests of a connection also counts the requests that connection would have sent "
                + "meanwhile, so with closed-loop connections at thousands of requests per second one 200 ms stall "
                + "of the machine weighs thousands of samples; the probe above is the plain view. Agent CPU per "
                + "request is the agent JVM's CPU time plus its reaped children's (the status command) over the "
                + "requests, for a route driven alone:");
        out.add("");
        out.add("| While | Route | Connections, pause | Requests | Req/s | p50 | p90 | p99 | max | non-2xx | socket errors "
                + "| Agent CPU per request |");
        out.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (LoadBenchmark.RouteAlone alone : idleRoutes) {
            Wrk.Result r = alone.wrk();
            double perRequest = r.requests() > 0 ? (alone.agentCpu().self().toNanos()
                    + alone.agentCpu().children().toNanos()) / 1e3 / r.requests() : 0;
            out.add(latencyRow("no seed, this route alone", r, String.format(Locale.ROOT, "%.0f µs (JVM %.1f s, children %.1f s)",
                    perRequest, seconds(alone.agentCpu().self()), seconds(alone.agentCpu().children()))));
        }
        for (LoadBenchmark.SeedRun run : seeds) {
            for (Wrk.Result r : run.load()) {
                out.add(latencyRow("seed, " + run.phase().name(), r, "—"));
            }
        }
        out.add("");
        out.add("* Replica after the last seed: " + proof + ".");
        out.add("* Peak RSS (VmHWM) over the whole run: " + peakRss + ".");
        out.add("* wrk commands (the request target, with the token, is in a 0600 Lua script): "
                + commands());
        out.add("");
        out.add("## Idle footprint and startup");
        out.add("");
        out.addAll(runFacts());
        out.add("* Each start: `bin/orchestrator-agent --config F` from the distribution, with the lab config "
                + "(mysqldump, mydumper and xtrabackup enabled, so their probes run; registers with a stand-in "
                + "orchestrator); timed from `ProcessBuilder.start()` to the first HTTP status line of "
                + "`GET /api/status` (polled every 5 ms on a raw socket); VmRSS read from `/proc/<pid>/status` "
                + "after the agent idled; then SIGTERM.");
        out.add("");
        out.add("| JAVA_OPTS | Starts | To first /api/status answer: median (min–max) | of which the agent's JVM, "
                + "to listening (Helidon's figure) | Idle RSS: median (min–max) |");
        out.add("|---|---|---|---|---|");
        startups.forEach((opts, list) -> out.add(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |",
                opts.isEmpty() ? "(unset)" : "`" + opts + "`", list.size(),
                summary(list, m -> m.toFirstAnswer().toMillis(), " ms", 0),
                summary(list, AgentStartup.Measurement::jvmToListening, " ms", 0),
                summary(list, m -> m.rssKiB() / 1024.0, " MiB", 1))));
        out.add("");
        if (!launcherChecks.isEmpty()) {
            out.add("* The launcher first starts a separate JVM to read the Java version "
                    + "(`java -XshowSettings:properties -version`): " + summary(launcherChecks, d -> d.toMillis(), " ms", 0)
                    + " of each start above.");
        }
        startups.forEach((opts, list) -> out.add("* JVM flags with JAVA_OPTS " + (opts.isEmpty() ? "unset" : "`" + opts + "`")
                + " (`jcmd <pid> VM.flags`): `" + list.get(0).vmFlags() + "`; first answers: "
                + list.stream().map(m -> Integer.toString(m.status())).distinct().toList() + "."));
        return out;
    }

    private List<String> runFacts() {
        return List.of(
                "* Run: " + machine.date() + ", " + machine.cpus() + " CPUs (" + machine.cpuModel() + "), "
                        + machine.memTotal() + " RAM, kernel " + machine.kernel() + ", " + machine.jdk() + ".",
                "* Load average (1/5/15 min) at start " + loadAtStart + ", at end " + loadAtEnd
                        + " (other builds and tests shared the machine).",
                "* Command: `" + command() + "`");
    }

    private static String command() {
        StringBuilder props = new StringBuilder();
        new TreeMap<>(System.getProperties()).forEach((k, v) -> {
            if (k.toString().startsWith("bench.") && !k.toString().equals("bench.out")) {
                props.append(" -D").append(k).append('=').append(v);
            }
        });
        String javaOpts = System.getenv("JAVA_OPTS");
        return "export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; mvn -B -q -DskipTests install && "
                + (javaOpts == null ? "" : "JAVA_OPTS='" + javaOpts + "' ")
                + "mvn -B -f plugin-dist/pom.xml verify -Dtest=LoadBenchmark -Dbenchmark=true" + props;
    }

    private String commands() {
        return seeds.stream().flatMap(s -> s.load().stream()).map(r -> "`" + r.command() + "`").distinct()
                .reduce((a, b) -> a + ", " + b).orElse("(none)");
    }

    private double baselineBackupSeconds() {
        return seeds.stream().filter(s -> s.phase().baseline()).mapToDouble(LoadBenchmark.SeedRun::backupSeconds)
                .average().orElse(0);
    }

    private static double rate(LoadBenchmark.SeedRun run) {
        return run.backupSeconds() > 0 ? run.backupBytes() / MIB / run.backupSeconds() : 0;
    }

    private static String loadText(LoadBenchmark.Phase phase) {
        if (!phase.loaded()) {
            return "none";
        }
        return String.format(Locale.ROOT, "status: %d conn%s; get-agent-data: %d conn%s", phase.statusConnections(),
                delay(phase.statusDelayMillis()), phase.dataConnections(), delay(phase.dataDelayMillis()));
    }

    private static String delay(int millis) {
        return millis > 0 ? " + " + millis + " ms pause" : " flat out";
    }

    private static String latencyRow(String when, Wrk.Result r, String cpu) {
        return String.format(Locale.ROOT, "| %s | `%s` | %d%s | %d | %.0f | %s | %s | %s | %s | %d | %d | %s |", when,
                r.route(), r.connections(), r.delayMillis() > 0 ? ", " + r.delayMillis() + " ms" : ", none", r.requests(),
                r.requestsPerSecond(), ms(r.p50()), ms(r.p90()), ms(r.p99()), ms(r.max()), r.non2xx(),
                r.socketErrors(), cpu);
    }

    private static String probeRow(String when, StatusProbe.Result r, StatusProbe.Result control) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %d | %s, %s, %s |", when, r.requests(),
                ms(r.p50()), ms(r.p90()), ms(r.p99()), ms(r.p999()), ms(r.max()), r.failures(), ms(control.p50()),
                ms(control.p99()), ms(control.max()));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
    }

    private static <T> String summary(List<T> list, ToDoubleFunction<T> f, String unit, int decimals) {
        List<Double> values = list.stream().map(f::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        double median = values.size() % 2 == 1 ? values.get(values.size() / 2)
                : (values.get(values.size() / 2 - 1) + values.get(values.size() / 2)) / 2;
        String format = "%." + decimals + "f";
        return String.format(Locale.ROOT, format + "%s (" + format + "–" + format + ")", median, unit, values.get(0),
                values.get(values.size() - 1));
    }
}
