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

    @TempDir
    Path dir;

    @Test
    void seedThroughAgentsAgainstTheSameToolsByHand() throws Exception {
        long bytes = Long.getLong("bench.bytes", 1L << 30);
        List<String> report = new ArrayList<>();
        try (SeedLab lab = new SeedLab(dir.resolve("lab"), Path.of(System.getProperty("dist.dir")))) {
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

                double byHand = byHand(method, source, byHandTarget);
                Instant t0 = Instant.now();
                SeedLab.AgentctlRun run = lab.seed(method, 9000 + address, source, agentTarget,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                double agents = seconds(t0);
                if (run.exitCode() != 0) {
                    throw new AssertionError(method + " seed failed: " + run.output());
                }
                ReplicaProof proof = ReplicaProof.check(source.dataSource(), agentTarget.dataSource(),
                        Duration.ofSeconds(60));
                report.add(String.format(Locale.ROOT,
                        "%-9s by hand %.1fs, through the agents %.1fs (incl. prepare, polling, ConnectSlave, cleanup): "
                                + "ratio agents/by-hand = %.3f; replica %s",
                        method, byHand, agents, agents / byHand, proof.proven() ? "proven" : "NOT proven: " + proof));
            }
        }
        report.forEach(System.out::println);
        Files.write(Path.of(System.getProperty("bench.out", "target/seed-benchmark.txt")), report);
    }

    // The same dump and load the plugin runs, as a DBA would run it, with the same option-file login.
    private double byHand(String method, LabHost source, LabHost target) throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("byhand-" + method));
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
