package io.orcagent.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.ReplicaProof;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.sandbox.Checksums;
import io.orcagent.runtime.sandbox.SampleDataset;

/**
 * {@code agentctl quickstart}: two MariaDB sandboxes with sample data and two agents from this
 * distribution, one seeded from the other through the agents, the replica proven, a summary printed,
 * and everything stopped again.
 */
final class Quickstart {

    private final PrintStream out;
    private final PrintStream progress;

    Quickstart(PrintStream out, PrintStream progress) {
        this.out = Objects.requireNonNull(out, "out is null");
        this.progress = Objects.requireNonNull(progress, "progress is null");
    }

    int run(Path distribution, Path dir, String method, long rows) throws IOException, InterruptedException, SQLException {
        Instant started = Instant.now();
        Files.createDirectories(dir);
        out.println("quickstart: lab in " + dir);
        try (SeedLab lab = new SeedLab(dir, distribution, AgentCtl::inProcess)) {
            LabHost source = lab.host("source", "127.0.0.2", 2, SeedLab.DEFAULT_PLUGIN_SECTIONS);
            out.println("  started " + source);
            LabHost target = lab.host("target", "127.0.0.3", 3, SeedLab.DEFAULT_PLUGIN_SECTIONS);
            out.println("  started " + target);
            new SampleDataset(rows).load(source.dataSource());
            int tables = Checksums.of(source.dataSource()).size();
            out.println("  loaded sample data on the source: " + tables + " tables, " + rows + " rows per big table");

            SeedLab.AgentctlRun run = lab.seed(method, Instant.now().getEpochSecond(), source, target, progress);
            out.print(run.output());
            if (run.exitCode() != 0) {
                out.println("quickstart: the seed FAILED (see above); agent logs are in " + dir);
                return 1;
            }
            ReplicaProof proof = ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(30));
            out.println("  replica check: " + proof);
            out.printf("quickstart: %s in %.1fs — %s%n", proof.proven() ? "OK" : "FAILED",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0,
                    proof.proven() ? "the target is a verified, replicating copy of the source"
                            : "the replica could not be proven");
            return proof.proven() ? 0 : 1;
        } finally {
            out.println("quickstart: stopped the agents and servers");
        }
    }
}
