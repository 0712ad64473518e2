package io.orcagent.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.cli.AgentCtl;
import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.ReplicaProof;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.sandbox.SampleDataset;

/**
 * Benchmark (not a test): seeds a generated dataset of at least 1 GiB through the agents with each
 * logical method, runs the same tool pipeline by hand in the same run, and prints agents/by-hand ratios.
 * Run with:
 * {@code mvn -B -DskipTests install && mvn -f plugin-dist/pom.xml verify -Dtest=SeedBenchmark -Dbenchmark=true
 * -Dbench.bytes=1073741824}
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SeedBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);

    @TempDir
    Path dir;

    @Test
    void seedThroughAgentsAgainstTheSameToolsByHand() throws Exception {
        long bytes = Long.getLong("bench.bytes", 1L << 30);
        List<String> report = new ArrayList<>();
        try (SeedLab lab = new SeedLab(dir.resolve("lab"), Path.of(System.getProperty("dist.dir")), AgentCtl::inProcess)) {
            LabHost source = lab.host("source", "127.0.0.2", 2, SeedLab.DEFAULT_PLUGIN_SECTIONS);
            Instant loadStart = Instant.now();
            SampleDataset dataset = SampleDataset.ofApproximateBytes(bytes);
            dataset.load(source.dataSource());
            report.add(String.format(Locale.ROOT, "dataset: %d rows per big table (~%.2f GiB of rows), loaded in %.0fs",
                    dataset.rows(), bytes / (double) (1L << 30), seconds(loadStart)));

            int address = 3;
            for (String method : List.of("Mysqldump", "Mydumper")) {
                LabHost byHandTarget = lab.host("byhand-" + method.toLowerCase(Locale.ROOT), "127.0.0." + address,
                        address, SeedLab.DEFAULT_PLUGIN_SECTIONS);
                address++;
                LabHost agentTarget = lab.host("agents-" + method.toLowerCase(Locale.ROOT), "127.0.0." + address,
                        address, SeedLab.DEFAULT_PLUGIN_SECTIONS);
                address++;
                // interleaved rounds, best of each, so load from the rest of the machine hits both alike
                double bestByHand = Double.MAX_VALUE;
                double bestAgents = Double.MAX_VALUE;
                String bestStages = "";
                for (int round = 1; round <= ROUNDS; round++) {
                    bestByHand = Math.min(bestByHand, byHand(method, source, byHandTarget, round));
                    ByteArrayOutputStream progress = new ByteArrayOutputStream();
                    Instant t0 = Instant.now();
                    SeedLab.AgentctlRun run = lab.seed(method, 9000L + address * 10L + round, source, agentTarget,
                            new PrintStream(progress, true, StandardCharsets.UTF_8));
                    double agents = seconds(t0);
                    if (run.exitCode() != 0) {
                        throw new AssertionError(method + " seed failed: " + run.output() + progress);
                    }
                    if (round < ROUNDS) {
                        stopReplication(agentTarget);
                    }
                    if (agents < bestAgents) {
                        bestAgents = agents;
                        bestStages = stageTimes(progress.toString(StandardCharsets.UTF_8));
                    }
                }
                ReplicaProof proof = ReplicaProof.check(source.dataSource(), agentTarget.dataSource(),
                        Duration.ofSeconds(60));
                report.add(String.format(Locale.ROOT,
                        "%-9s best of %d: by hand (dump + load) %.1fs; through the agents, whole seed (get-agent-data, "
                                + "Prepare, Backup, Restore, get-metadata, ConnectSlave, Cleanup) %.1fs [%s]: "
                                + "ratio agents/by-hand = %.3f; replica %s",
                        method, ROUNDS, bestByHand, bestAgents, bestStages, bestAgents / bestByHand,
                        proof.proven() ? "proven" : "NOT proven: " + proof));
            }
        }
        report.forEach(System.out::println);
        Files.write(Path.of(System.getProperty("bench.out", "target/seed-benchmark.txt")), report);
    }

    // The same dump and load the plugin runs, as a DBA would run it, with the same option-file login.
    private double byHand(String method, LabHost source, LabHost target, int round)
            throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("byhand-" + method + "-" + round));
        Path sourceLogin = optionFile(work.resolve("source.cnf"), source);
        Path targetLogin = optionFile(work.resolve("target.cnf"), target);
        Instant start = Instant.now();
        if (method.equals("Mysqldump")) {
            Path dump = work.resolve("dump.sql");
            run(List.of("mariadb-dump", "--defaults-extra-file=" + sourceLogin, "--master-data=2", "--gtid",
                    "--all-databases", "--single-transaction", "--quick", "--routines", "--events", "--triggers",
                    "--hex-blob"), null, dump);
            run(List.of("mariadb", "--defaults-extra-file=" + targetLogin), dump, null);
        } else {
            Path out = work.resolve("mydumper");
            run(List.of("mydumper", "--defaults-file=" + sourceLogin, "--no-backup-locks", "--outputdir", out.toString(),
                    "--routines", "--events", "--triggers"), null, null);
            run(List.of("myloader", "--defaults-file=" + targetLogin, "--directory", out.toString(),
                    "--overwrite-tables"), null, null);
        }
        return seconds(start);
    }

    private static void stopReplication(LabHost target) throws java.sql.SQLException {
        try (java.sql.Connection c = target.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("STOP SLAVE");
            s.execute("RESET SLAVE ALL");
        }
    }

    // agentctl prints "Backup     done in 32.4s" per stage
    private static String stageTimes(String progress) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)\\s+done in ([0-9.]+)s").matcher(progress);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + "s");
        }
        return String.join(", ", out);
    }

    private static Path optionFile(Path file, LabHost host) throws IOException {
        Files.writeString(file, "[client]\nuser=\"" + host.mysql().settings().user() + "\"\npassword=\""
                + host.mysql().settings().password() + "\"\nhost=\"" + host.mysql().address() + "\"\nport="
                + host.mysql().port() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void run(List<String> argv, Path stdin, Path stdout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        pb.redirectOutput(stdout != null ? ProcessBuilder.Redirect.to(stdout.toFile()) : ProcessBuilder.Redirect.DISCARD);
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IOException(argv.get(0) + " exited with " + code);
        }
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
