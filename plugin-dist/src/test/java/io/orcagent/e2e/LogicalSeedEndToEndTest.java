package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.cli.AgentCtl;
import io.orcagent.runtime.exec.ProcessTree;
import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.ReplicaProof;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.sandbox.SampleDataset;

/**
 * Seeds real MariaDB replicas through two agents started from the built distribution, driven by
 * agentctl exactly as the seed-API orchestrator drives them, and proves each replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogicalSeedEndToEndTest {

    @TempDir
    static Path dir;

    private SeedLab lab;
    private LabHost source;

    @BeforeAll
    void startLab() throws Exception {
        lab = new SeedLab(dir, Path.of(System.getProperty("dist.dir")), AgentCtl::inProcess);
        source = lab.host("source", "127.0.0.2", 2, SeedLab.DEFAULT_PLUGIN_SECTIONS);
        new SampleDataset(3000).load(source.dataSource());
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void mysqldumpSeedProducesAVerifiedReplicatingReplica() throws Exception {
        assertSeedProvesReplica("Mysqldump", "127.0.0.3", 3, 1001);
    }

    @Test
    void mydumperSeedProducesAVerifiedReplicatingReplica() throws Exception {
        assertSeedProvesReplica("Mydumper", "127.0.0.4", 4, 1002);
    }

    private void assertSeedProvesReplica(String method, String address, int serverId, long seedId) throws Exception {
        LabHost target = lab.host("target-" + method.toLowerCase(), address, serverId, SeedLab.DEFAULT_PLUGIN_SECTIONS);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SeedLab.AgentctlRun run = lab.seed(method, seedId, source, target, new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertThat(run.exitCode()).as("agentctl output: %s%n%s%ntarget agent log:%n%s", run.output(), progress,
                target.agent().logTail()).isZero();

        ReplicaProof proof = ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(30));
        assertThat(proof.proven()).as(proof.toString()).isTrue();
        assertThat(proof.tables()).isGreaterThanOrEqualTo(8);

        String password = target.mysql().settings().password();
        for (LabHost host : List.of(source, target)) {
            String log = Files.readString(dir.resolve(host.name()).resolve("agent.log"));
            assertThat(log).contains("seed=" + seedId).doesNotContain(password).doesNotContain(host.agent().token());
        }
    }

    @Test
    void abortMidBackupLeavesNoProcessAndTheNextSeedSucceeds() throws Exception {
        LabHost target = lab.host("target-abort", "127.0.0.5", 5, SeedLab.DEFAULT_PLUGIN_SECTIONS);
        // a source of its own: the lock and the killed dump stay away from the source the other tests share
        LabHost locked = lab.host("source-abort", "127.0.0.6", 6, SeedLab.DEFAULT_PLUGIN_SECTIONS);
        new SampleDataset(3000).load(locked.dataSource());
        LabAgentHttp t = new LabAgentHttp(target);
        long seed = 2001;
        t.call("prepare/" + seed + "/Mysqldump/Target", 202);
        new LabAgentHttp(locked).call("prepare/" + seed + "/Mysqldump/Source", 202);
        t.awaitStatus(seed, "Prepare", "Completed");
        try (Connection lock = locked.dataSource().getConnection(); Statement sql = lock.createStatement()) {
            // the dump must read this table and waits while the test holds it: the Backup cannot end
            sql.execute("LOCK TABLES sample_logs.events WRITE");
            t.call("backup/" + seed + "/Mysqldump/127.0.0.6/" + locked.mysql().port(), 202);

            ProcessHandle dump = LabProcesses.awaitDescendant(target.agent().pid(), "--master-data");
            String cmdline = Files.readString(Path.of("/proc/" + dump.pid() + "/cmdline")).replace('\0', ' ');
            assertThat(cmdline).contains("--defaults-extra-file=").doesNotContain(locked.mysql().settings().password());

            HttpResponse<String> refused = t.get("prepare/" + (seed + 1) + "/Mysqldump/Target");
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).contains("busy with seed " + seed);

            HttpResponse<String> abort = t.get("abort-seed-stage/" + seed + "/Backup");
            assertThat(abort.statusCode()).isEqualTo(200);
            assertThat(abort.body()).isEqualTo("killed");
            assertThat(ProcessTree.running(dump)).isFalse();
            assertThat(ProcessHandle.of(target.agent().pid()).orElseThrow().descendants()
                    .filter(ProcessTree::running).filter(p -> LabProcesses.cmdline(p).contains("dump"))).isEmpty();
        }
        assertThat(t.get("seed-stage-state/" + seed + "/Backup").body()).contains("\"Status\":\"Error\"")
                .contains("Aborted by request");
        t.call("cleanup/" + seed + "/Mysqldump/Target", 202);
        t.awaitStatus(seed, "Cleanup", "Completed");

        SeedLab.AgentctlRun next = lab.seed("Mysqldump", seed + 10, source, target, new PrintStream(new ByteArrayOutputStream()));
        assertThat(next.exitCode()).as(next.output()).isZero();
        assertThat(ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(30)).proven()).isTrue();
    }
}
