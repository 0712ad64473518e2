package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.cli.AgentCtl;
import io.orcagent.runtime.exec.ProcessTree;
import io.orcagent.runtime.lab.LabCertificates;
import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.LoopBtrfs;
import io.orcagent.runtime.lab.ReplicaProof;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.lab.SnapshotScript;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;

/**
 * Physical seeds through agents from the distribution, driven by agentctl: Xtrabackup with mariabackup
 * over the agents' own transfer service with mutual TLS, an abort in the middle of the stream, and LVM
 * with the btrfs snapshot provider on a loop-device filesystem; each replica proven.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhysicalSeedEndToEndTest {

    @TempDir
    static Path dir;

    private SeedLab lab;
    private LabCertificates certificates;
    private LabHost source;
    /** Holds the source's {@code mariabackup --backup} stream after its first MiB when armed. */
    private ToolGate backupGate;

    @BeforeAll
    void startLab() throws Exception {
        lab = new SeedLab(dir.resolve("lab"), Path.of(System.getProperty("dist.dir")), AgentCtl::inProcess);
        certificates = new LabCertificates(Files.createDirectories(dir.resolve("pki")));
        backupGate = ToolGate.install(dir.resolve("gates/xb-source"),
                MariaDbSandbox.binary("mariabackup", "mariadb-backup").toString(), ToolGate.Held.STDOUT, "--backup", 1 << 20);
        source = lab.host(dir.resolve("lab/xb-source"), "xb-source", "127.0.0.12", 12, tls("127.0.0.12", "20MiB"),
                xtrabackupSections() + "\nbackup-command = \"" + backupGate.program() + "\"");
        new SampleDataset(60_000).load(source.dataSource());
    }

    @AfterEach
    void openTheGate() throws Exception {
        backupGate.open();
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private String tls(String address, String bandwidth) throws Exception {
        LabCertificates.Pair pair = certificates.issue("agent-" + address, "/CN=" + address + "/OU=agents", address);
        return String.join("\n",
                "ssl-cert-file = \"" + pair.certificate() + "\"",
                "ssl-private-key-file = \"" + pair.key() + "\"",
                "ssl-ca-file = \"" + certificates.ca() + "\"",
                "transfer-use-tls = true",
                "transfer-mutual-tls = true",
                "transfer-bandwidth-limit = \"" + bandwidth + "\"");
    }

    private static String xtrabackupSections() {
        return SeedLab.DEFAULT_PLUGIN_SECTIONS + "\n[xtrabackup]\nenabled = true\nmysql-owner = \"\"";
    }

    @Test
    void xtrabackupSeedOverMutualTlsProducesAVerifiedReplicatingReplica() throws Exception {
        LabHost target = lab.host(dir.resolve("lab/xb-target"), "xb-target", "127.0.0.13", 13, tls("127.0.0.13", "0"),
                xtrabackupSections());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SeedLab.AgentctlRun run = lab.seed("Xtrabackup", 3001, source, target,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertThat(run.exitCode()).as("%s%n%s%nsource:%n%s%ntarget:%n%s", run.output(), progress,
                source.agent().logTail(), target.agent().logTail()).isZero();
        ReplicaProof proof = ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(30));
        assertThat(proof.proven()).as(proof.toString()).isTrue();
    }

    @Test
    void abortMidStreamLeavesNoProcessNoListenerAndTheNextSeedSucceeds() throws Exception {
        LabHost target = lab.host(dir.resolve("lab/xb-abort"), "xb-abort", "127.0.0.14", 14, tls("127.0.0.14", "0"),
                xtrabackupSections());
        LabAgentHttp s = new LabAgentHttp(source);
        LabAgentHttp t = new LabAgentHttp(target);
        long seed = 3100;
        t.call("prepare/" + seed + "/Xtrabackup/Target", 202);
        s.call("prepare/" + seed + "/Xtrabackup/Source", 202);
        t.awaitStatus(seed, "Prepare", "Completed");
        s.awaitStatus(seed, "Prepare", "Completed");
        assertThat(LabProcesses.listening("127.0.0.14", 21234)).isTrue();
        backupGate.arm();
        s.call("backup/" + seed + "/Xtrabackup/127.0.0.14/" + source.mysql().port(), 202);
        backupGate.awaitHeld(Duration.ofMinutes(3)); // mid-stream, and the stream cannot end until opened
        ProcessHandle backup = LabProcesses.awaitDescendant(source.agent().pid(), "--backup");
        assertThat(LabProcesses.cmdline(backup)).contains("--defaults-extra-file=")
                .doesNotContain(source.mysql().settings().password());

        assertThat(s.get("abort-seed-stage/" + seed + "/Backup").body()).isEqualTo("killed");
        // orchestrator then aborts the target's Prepare, which tears down its receiver
        t.get("abort-seed-stage/" + seed + "/Prepare");

        assertThat(ProcessTree.running(backup)).isFalse();
        assertThat(s.get("seed-stage-state/" + seed + "/Backup").body()).contains("\"Status\":\"Error\"");
        LabProcesses.awaitNoDescendant(source.agent().pid(), "mariabackup");
        LabProcesses.awaitNoDescendant(target.agent().pid(), "mbstream");
        assertThat(LabProcesses.listening("127.0.0.14", 21234)).isFalse();

        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SeedLab.AgentctlRun next = lab.seed("Xtrabackup", seed + 10, source, target,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertThat(next.exitCode()).as(next.output() + "\n" + progress + "\n" + target.agent().logTail()).isZero();
        assertThat(ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(30)).proven()).isTrue();
    }

    @Test
    void lvmSeedWithBtrfsSnapshotsProducesAVerifiedReplicatingReplica() throws Exception {
        assumeThat(LoopBtrfs.possible()).as("needs root, losetup and btrfs-progs").isTrue();
        try (LoopBtrfs fs = LoopBtrfs.create(Files.createDirectories(dir.resolve("btrfs")))) {
            Path sourceHome = Files.createDirectories(fs.mountPoint().resolve("src"));
            Path sourceSubvolume = fs.subvolume("src/mysql");
            Path sourceSnapshots = Files.createDirectories(fs.mountPoint().resolve("src-snapshots"));
            String snapshot = SnapshotScript.write(MariaDbSandbox.socket(sourceSubvolume),
                    MariaDbSandbox.datadir(sourceSubvolume), sourceSubvolume, sourceSnapshots,
                    Files.createDirectories(fs.mountPoint().resolve("src-scripts")));
            LabHost lvmSource = lab.host(sourceHome, "lvm-source", "127.0.0.15", 15, "",
                    lvmSections(sourceSubvolume, sourceSnapshots, snapshot));
            new SampleDataset(3000).load(lvmSource.dataSource());

            Path targetHome = Files.createDirectories(fs.mountPoint().resolve("dst"));
            Path targetSubvolume = fs.subvolume("dst/mysql");
            Path targetSnapshots = Files.createDirectories(fs.mountPoint().resolve("dst-snapshots"));
            LabHost lvmTarget = lab.host(targetHome, "lvm-target", "127.0.0.16", 16, "",
                    lvmSections(targetSubvolume, targetSnapshots, ""));
            try {
                SeedLab.AgentctlRun run = lab.seed("LVM", 3200, lvmSource, lvmTarget,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                assertThat(run.exitCode()).as("%s%nsource:%n%s%ntarget:%n%s", run.output(), lvmSource.agent().logTail(),
                        lvmTarget.agent().logTail()).isZero();
                ReplicaProof proof = ReplicaProof.check(lvmSource.dataSource(), lvmTarget.dataSource(),
                        Duration.ofSeconds(30));
                assertThat(proof.proven()).as(proof.toString()).isTrue();
            } finally {
                lvmTarget.close();
                lvmSource.close();
            }
        }
    }

    /** Plugin sections for an LVM host with the btrfs provider (and the logical methods). */
    static String lvmSections(Path subvolume, Path snapshots, String createCommand) {
        return String.join("\n", SeedLab.DEFAULT_PLUGIN_SECTIONS,
                "[lvm]",
                "enabled = true",
                "snapshot-provider = \"btrfs\"",
                "btrfs-source-subvolume = \"" + subvolume + "\"",
                "btrfs-snapshot-dir = \"" + snapshots + "\"",
                "create-new-snapshot-for-seed = " + !createCommand.isEmpty(),
                "create-snapshot-command = \"" + createCommand.replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
                "datadir-owner = \"\"");
    }
}
