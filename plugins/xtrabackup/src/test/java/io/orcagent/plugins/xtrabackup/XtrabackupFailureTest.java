package io.orcagent.plugins.xtrabackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.orcagent.api.CommandFailedException;
import io.orcagent.api.Peer;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageAbortedException;
import io.orcagent.plugins.seedsupport.Executables;
import io.orcagent.plugins.seedsupport.testing.TestStageContext;
import io.orcagent.runtime.exec.ProcessTree;
import io.orcagent.runtime.sandbox.Checksums;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;
import io.orcagent.testkit.ToolGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How Xtrabackup seeds fail, with the real mariabackup and two real MariaDB servers: a restored server
 * that does not come up fails Restore (the Go agent reported Completed), a compressed stream is detected
 * from what arrived, a Restore without a stream changes nothing, and an abort stops the backup tool.
 */
class XtrabackupFailureTest {

    @TempDir
    static Path dir;

    private static SandboxAgent source;
    private static SandboxAgent target;

    @BeforeAll
    static void startServers() throws Exception {
        int seedPort = MariaDbSandbox.freePort("127.0.0.3");
        source = SandboxAgent.start(dir.resolve("source"), "127.0.0.2", 1, Map.of(), seedPort, null);
        target = SandboxAgent.start(dir.resolve("target"), "127.0.0.3", 2, Map.of(), seedPort, null);
        new SampleDataset(200).load(source.sandbox().dataSource());
        // one good seed first: Prepare records the error log's location while the target still runs
        SeedMethod onTarget = target.method();
        streamBackup(1, onTarget, source.method());
        onTarget.restore(target.stage(1, Stage.RESTORE, Side.TARGET, Optional.empty()));
        onTarget.cleanup(target.stage(1, Stage.CLEANUP, Side.TARGET, Optional.empty()));
    }

    @AfterEach
    void releaseReceivers() {
        LongStream.of(1, 10, 11, 12, 13, 14, 15).forEach(target::releaseTransfer);
    }

    @AfterAll
    static void stopServers() {
        if (target != null) {
            target.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void restoreFailsWithTheStartCommandsWordsAndTheErrorLogWhenMysqlCannotStart() throws Exception {
        SeedMethod method = target.methodStartingMysqlWith(
                "echo 'Job for mariadb.service failed because the control process exited with error code.' >&2; exit 1",
                Map.of());
        streamBackup(10, method, source.method());
        assertThatThrownBy(() -> method.restore(target.stage(10, Stage.RESTORE, Side.TARGET, Optional.empty())))
                .isInstanceOf(MysqlDidNotStartException.class)
                .hasMessageContaining("MySQL did not start after the restore")
                .hasMessageContaining("Job for mariadb.service failed")
                .hasMessageContaining("last lines of " + target.sandbox().errorLog());
        assertThat(target.mysqlService().running()).isFalse();
    }

    @Test
    void aRestoreRetriedAfterAFailedStartBringsTheServerUp() throws Exception {
        SeedMethod failingStart = target.methodStartingMysqlWith("exit 1", Map.of());
        streamBackup(15, failingStart, source.method());
        assertThatThrownBy(() -> failingStart.restore(target.stage(15, Stage.RESTORE, Side.TARGET, Optional.empty())))
                .isInstanceOf(MysqlDidNotStartException.class);
        SeedMethod onTarget = target.method();
        onTarget.restore(target.stage(15, Stage.RESTORE, Side.TARGET, Optional.empty()));
        assertThat(target.mysqlService().running()).isTrue();
        assertThat(Checksums.of(target.sandbox().dataSource())).isEqualTo(Checksums.of(source.sandbox().dataSource()));
    }

    @Test
    void restoreFailsWhenTheStartedServerNeverAnswers() throws Exception {
        SeedMethod method = target.methodStartingMysqlWith("true", Map.of("restore-timeout", "3s"));
        streamBackup(11, method, source.method());
        assertThatThrownBy(() -> method.restore(target.stage(11, Stage.RESTORE, Side.TARGET, Optional.empty())))
                .isInstanceOf(MysqlDidNotStartException.class)
                .hasMessageContaining("MySQL did not start after the restore: it did not accept connections within PT3S")
                .hasMessageContaining("last lines of " + target.sandbox().errorLog());
    }

    @Test
    void aCompressedStreamIsDecompressedAlthoughTheTargetWasNotConfiguredForIt() throws Exception {
        assumeFalse(Executables.onPath("qpress"), "qpress is installed: the decompression would succeed");
        SeedMethod onTarget = target.method();
        streamBackup(12, onTarget, source.method(Map.of("xtrabackup-addtional-opts", List.of("--compress", "--parallel=2"))));
        TestStageContext restore = target.stage(12, Stage.RESTORE, Side.TARGET, Optional.empty());
        assertThatThrownBy(() -> onTarget.restore(restore))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("qpress: not found")
                .hasMessageContaining("needs qpress on this host");
        assertThat(restore.recorded().steps()).contains("Decompressing backup").doesNotContain("Starting MySQL");
    }

    @Test
    void restoreWithoutAReceivedStreamFailsAndLeavesTheDatadirAlone() throws Exception {
        // a stopped server keeps its files still, so any change would be the method's
        target.mysqlService().stop();
        List<String> before = datadirEntries();
        assertThatThrownBy(() -> target.method().restore(target.stage(13, Stage.RESTORE, Side.TARGET, Optional.empty())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no backup stream is being received for seed 13");
        assertThat(datadirEntries()).isEqualTo(before);
        assertThat(target.mysqlService().running()).isFalse();
    }

    @Test
    void abortingTheBackupKillsTheBackupToolAndEndsTheStage() throws Exception {
        SeedMethod onTarget = target.method();
        onTarget.prepare(target.stage(14, Stage.PREPARE, Side.TARGET, Optional.empty()));
        ToolGate gate = ToolGate.in(dir);
        // the real mariabackup, its stream held at a gate the test never opens: once the pipe is full (the
        // stream is megabytes) the tool waits, so it runs and cannot finish before the abort
        Path gated = Files.writeString(dir.resolve("mariabackup-gated"), "#!/bin/sh\n"
                + "for a in \"$@\"; do [ \"$a\" = --version ] && exec mariabackup \"$@\"; done\n"
                + "mariabackup \"$@\" | { " + gate.shellLine() + "; exec cat; }\n");
        Files.setPosixFilePermissions(gated, PosixFilePermissions.fromString("rwxr-xr-x"));
        SeedMethod gatedSource = source.method(Map.of("backup-command", gated.toString()));
        TestStageContext backup = source.stage(14, Stage.BACKUP, Side.SOURCE,
                Optional.of(new Peer("127.0.0.3", source.sandbox().port())));
        List<ProcessHandle> tools;
        try (ExecutorService stageThread = Executors.newSingleThreadExecutor()) {
            Future<?> outcome = stageThread.submit(() -> {
                gatedSource.backup(backup);
                return null;
            });
            try {
                gate.awaitArrival(Duration.ofSeconds(60));
                tools = awaitBackupToolRunning(Duration.ofSeconds(60));
                assertThat(outcome).isNotDone();
                Path workDir = source.paths().backupDir().resolve(XtrabackupMethod.SOURCE_WORK_DIR_PREFIX + 14);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir)))
                        .as("the tool's scratch directory").isEqualTo("rwx------");
            } finally {
                backup.abort();
            }
            assertThatThrownBy(() -> outcome.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(StageAbortedException.class);
        } finally {
            gate.close();
        }
        // the tool is the wrapper's child: once the wrapper dies it is no descendant of ours, so follow its handle
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (tools.stream().anyMatch(ProcessTree::running)) {
            assertThat(System.nanoTime() - deadline).as("mariabackup ended").isNegative();
            Thread.sleep(20);
        }
        assertThat(source.paths().backupDir().resolve(XtrabackupMethod.SOURCE_WORK_DIR_PREFIX + 14)).doesNotExist();
    }

    private static void streamBackup(long seedId, SeedMethod onTarget, SeedMethod onSource) throws Exception {
        onTarget.prepare(target.stage(seedId, Stage.PREPARE, Side.TARGET, Optional.empty()));
        onSource.backup(source.stage(seedId, Stage.BACKUP, Side.SOURCE,
                Optional.of(new Peer("127.0.0.3", source.sandbox().port()))));
    }

    private static List<String> datadirEntries() throws Exception {
        try (Stream<Path> files = Files.list(target.sandbox().datadir())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<ProcessHandle> awaitBackupToolRunning(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<ProcessHandle> tools;
        while ((tools = backupTools()).isEmpty()) {
            assertThat(System.nanoTime() - deadline).as("mariabackup started").isNegative();
            Thread.sleep(20);
        }
        return tools;
    }

    /** mariabackup is a link to mariadb-backup, the name the process runs under. */
    private static List<ProcessHandle> backupTools() {
        return ProcessHandle.current().descendants().filter(p -> ProcessTree.running(p)
                && p.info().command().map(c -> c.endsWith("/mariadb-backup") || c.endsWith("/mariabackup")).orElse(false))
                .toList();
    }
}
