package io.orcagent.plugins.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.orcagent.api.AgentPaths;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Peer;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageAbortedException;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.MysqlServiceControl;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.exec.ShellCommand;
import io.orcagent.runtime.exec.StageCommandRunner;
import io.orcagent.testkit.TestingPluginContext;
import io.orcagent.testkit.TestingStageContext;
import io.orcagent.testkit.ToolGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code LVM} method's decisions on the lvm provider (recorded {@code lvs}/{@code blkid} output,
 * fake tools first on PATH) and its target-side checks with real file commands.
 */
class LvmSeedMethodTest {

    private static final long SEED = 7;

    @TempDir
    Path temp;

    private final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());
    private FakeTools fakes;
    private Path backupDir;
    private Path datadir;
    private Path mounts;

    @BeforeEach
    void agent() throws Exception {
        fakes = FakeTools.in(temp)
                .tool("lvs", 0, Recorded.text("lvs-site.out"))
                .tool("blkid", 0, "xfs\n")
                .tool("mount", 0, "")
                .tool("lvcreate", 0, "");
        backupDir = temp.resolve("backup");
        datadir = Files.createDirectories(temp.resolve("datadir"));
        mounts = Files.writeString(temp.resolve("mounts"), "/dev/mapper/vg0-root / ext4 rw 0 0\n");
    }

    @AfterEach
    void killLeftovers() {
        runner.shutdown();
    }

    private LvmSeedMethod method(TestingPluginContext.Builder context) throws Exception {
        TestingPluginContext built = context.commands(runner)
                .paths(new AgentPaths(backupDir, Files.createDirectories(temp.resolve("state")), datadir))
                .build("lvm");
        SeedAgentContext agent = new SeedAgentContext(built, new PipeTransferService(runner));
        LvmSettings settings = LvmSettings.read(built.config());
        return new LvmSeedMethod(agent, settings, stageRunner -> new LvmSnapshotProvider(new ToolRunner(fakes.runner()),
                settings.createSnapshotCommand(), mounts, ZoneOffset.UTC));
    }

    private TestingStageContext stage(Stage stage, Side side) {
        return new TestingStageContext(SEED, stage, side, Optional.empty(), runner.newScope(stage.wireName()));
    }

    @Test
    void theMethodBacksUpOnTheSourceIntoTheDatadirForAllEngines() throws Exception {
        assertThat(method(TestingPluginContext.builder()).info())
                .isEqualTo(new SeedMethodInfo(Side.SOURCE, true, SeedMethodInfo.ALL_ENGINES));
    }

    @Test
    void sourcePrepareMountsTheNewestMatchingSnapshotWithNouuid() throws Exception {
        method(TestingPluginContext.builder().set("snapshot-volumes-filter", "mysql_snap"))
                .prepare(stage(Stage.PREPARE, Side.SOURCE));

        assertThat(fakes.calls()).last().isEqualTo(List.of("mount", "-o", "nouuid", "/dev/vg0/mysql_snap_0502",
                backupDir.toString()));
        assertThat(backupDir).isDirectory();
    }

    @Test
    void aFreshSnapshotIsTakenWithTheOperatorsCommandBeforeChoosing() throws Exception {
        method(TestingPluginContext.builder()
                .set("create-new-snapshot-for-seed", true)
                .set("create-snapshot-command", "lvcreate -s -L 1G -n mysql_snap_0503 vg0/mysql"))
                .prepare(stage(Stage.PREPARE, Side.SOURCE));

        assertThat(fakes.calls()).extracting(call -> call.get(0))
                .containsExactly("lvcreate", "lvs", "lvs", "lvs", "blkid", "mount");
    }

    @Test
    void withoutADatedSnapshotSourcePrepareFailsWithTheReasonAndMountsNothing() throws Exception {
        fakes.tool("lvs", 0, Recorded.text("lvs-undated.out"));

        assertThatThrownBy(() -> method(TestingPluginContext.builder().set("snapshot-volumes-filter", "mysql_snap"))
                .prepare(stage(Stage.PREPARE, Side.SOURCE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot seed from a snapshot: none of the 2 snapshot(s) matching snapshot-volumes-filter"
                        + " \"mysql_snap\" has a creation time, so the newest cannot be told");
        assertThat(fakes.calls()).extracting(call -> call.get(0)).containsExactly("lvs");
    }

    @Test
    void withoutAnySnapshotSourcePrepareSaysSo() throws Exception {
        fakes.tool("lvs", 0, "");

        assertThatThrownBy(() -> method(TestingPluginContext.builder()).prepare(stage(Stage.PREPARE, Side.SOURCE)))
                .hasMessage("cannot seed from a snapshot: no snapshot found (0 volume(s) listed)");
    }

    @Test
    void sourcePrepareRefusesABackupDirWhereAnotherVolumeIsMounted() throws Exception {
        Files.createDirectories(backupDir);
        Files.writeString(mounts, "/dev/sdc1 " + backupDir + " ext4 rw 0 0\n");

        assertThatThrownBy(() -> method(TestingPluginContext.builder()).prepare(stage(Stage.PREPARE, Side.SOURCE)))
                .hasMessage("/dev/sdc1 is already mounted at " + backupDir
                        + "; unmount it before seeding from snapshot /dev/vg1/mysql_thin_snap");
        assertThat(fakes.calls()).extracting(call -> call.get(0)).doesNotContain("mount");
    }

    @Test
    void backupWithoutAMountedSnapshotSaysPrepareDidNotRun() throws Exception {
        assertThatThrownBy(() -> method(TestingPluginContext.builder()).backup(new TestingStageContext(SEED, Stage.BACKUP,
                Side.SOURCE, Optional.of(new Peer("127.0.0.3", 3306)), runner.newScope("backup"))))
                .hasMessage("no snapshot is mounted at " + backupDir
                        + ": the Prepare stage has not completed on this agent");
    }

    @Test
    void theTargetNeverBacksUpAndTheSourceNeverRestores() throws Exception {
        LvmSeedMethod method = method(TestingPluginContext.builder());

        assertThatThrownBy(() -> method.backup(stage(Stage.BACKUP, Side.TARGET)))
                .hasMessage("the LVM method backs up on the source, not on the Target");
        assertThatThrownBy(() -> method.restore(stage(Stage.RESTORE, Side.SOURCE)))
                .hasMessage("the LVM method restores on the target, not on the Source");
    }

    @Test
    void targetPrepareRefusesToEmptyTheDatadirWhileMysqlStillRuns() throws Exception {
        Files.writeString(datadir.resolve("ibdata1"), "live data");
        MysqlServiceControl stuck = new MysqlServiceControl(new ShellCommand(runner), "true", "true", "true",
                unusedDataSource());

        assertThatThrownBy(() -> method(TestingPluginContext.builder().mysqlService(stuck))
                .prepare(stage(Stage.PREPARE, Side.TARGET)))
                .hasMessage("MySQL still runs after service-stop-command; refusing to empty " + datadir);
        assertThat(datadir.resolve("ibdata1")).hasContent("live data");
    }

    @Test
    void targetPrepareEmptiesTheDatadirLeavesTheLockAndOpensTheReceiver() throws Exception {
        Files.createDirectories(datadir.resolve("shop"));
        Files.writeString(datadir.resolve("shop/orders.ibd"), "old");
        Files.writeString(datadir.resolve("ibdata1"), "old");
        MysqlServiceControl stopped = new MysqlServiceControl(new ShellCommand(runner), "true", "true", "false",
                unusedDataSource());
        PipeTransferService transfer = new PipeTransferService(runner);
        TestingPluginContext built = TestingPluginContext.builder().commands(runner).mysqlService(stopped)
                .paths(new AgentPaths(backupDir, temp, datadir)).build("lvm");
        LvmSeedMethod method = new LvmSeedMethod(new SeedAgentContext(built, transfer), LvmSettings.read(built.config()),
                r -> null);

        method.prepare(stage(Stage.PREPARE, Side.TARGET));

        try (var listing = Files.list(datadir)) {
            assertThat(listing).containsExactly(datadir.resolve(DatadirTarget.LOCK_FILE));
        }
        assertThat(transfer.receiver(SEED)).isPresent();
        transfer.receiver(SEED).orElseThrow().close();
    }

    @Test
    void restoreWithoutAReceiverSaysPrepareDidNotRunHere() throws Exception {
        assertThatThrownBy(() -> method(TestingPluginContext.builder()).restore(stage(Stage.RESTORE, Side.TARGET)))
                .hasMessage("no snapshot stream for seed 7 on this agent: its Prepare stage has not run here, or the seed"
                        + " was aborted");
    }

    @Test
    void metadataComesFromTheSnapshotsMetadataFile() throws Exception {
        Files.writeString(datadir.resolve("metadata"), "File:mysql-bin.000017\nPosition:314\nExecuted_Gtid_Set:"
                + "07830cf6-6ea9-11ea-8d7f-fa163e2b6126:1-41837,\\n39f255c7-78b5-11ea-9825-fa163e2b6126:1-6");

        assertThat(method(TestingPluginContext.builder()).metadata(stage(Stage.CONNECT_SLAVE, Side.TARGET)))
                .isEqualTo(new BinlogCoordinates("mysql-bin.000017", 314,
                        "07830cf6-6ea9-11ea-8d7f-fa163e2b6126:1-41837,39f255c7-78b5-11ea-9825-fa163e2b6126:1-6", ""));
    }

    @Test
    void aSnapshotWithoutMetadataFileIsAClearError() throws Exception {
        assertThatThrownBy(() -> method(TestingPluginContext.builder()).metadata(stage(Stage.CONNECT_SLAVE, Side.TARGET)))
                .hasMessageStartingWith("cannot read " + datadir.resolve("metadata") + " (cat: ")
                .hasMessageEndingWith("): the snapshot must hold the metadata file create-snapshot-command writes into"
                        + " the datadir");
    }

    @Test
    void theRootDirectoryIsNeverTreatedAsTheDatadir() throws Exception {
        datadir = Path.of("/");

        assertThatThrownBy(() -> method(TestingPluginContext.builder()).prepare(stage(Stage.PREPARE, Side.TARGET)))
                .hasMessage("refusing to use \"/\" as the MySQL datadir");
        assertThatThrownBy(() -> method(TestingPluginContext.builder()).cleanup(stage(Stage.CLEANUP, Side.TARGET)))
                .hasMessage("refusing to use \"/\" as the MySQL datadir");
    }

    @Test
    void targetCleanupRemovesTheLockFile() throws Exception {
        Files.writeString(datadir.resolve(DatadirTarget.LOCK_FILE), "");

        method(TestingPluginContext.builder()).cleanup(stage(Stage.CLEANUP, Side.TARGET));

        assertThat(datadir.resolve(DatadirTarget.LOCK_FILE)).doesNotExist();
    }

    @Test
    void withoutATransferServiceTheMethodIsUnavailable() throws Exception {
        TestingPluginContext built = TestingPluginContext.builder().commands(fakes.runner()).build("lvm");
        LvmSeedMethod method = new LvmSeedMethod(built, LvmSettings.read(built.config()),
                r -> new LvmSnapshotProvider(new ToolRunner(fakes.runner()), "", mounts, ZoneOffset.UTC));

        assertThat(method.probe().reason()).isEqualTo("this agent offers no transfer service to stream the snapshot");
    }

    @Test
    void withATransferServiceTheProvidersProbeDecides() throws Exception {
        assertThat(method(TestingPluginContext.builder()).probe().available()).isTrue();

        fakes.tool("lvs", 3, "", "  /dev/mapper/control: open failed: Permission denied\n");
        assertThat(method(TestingPluginContext.builder()).probe().reason())
                .isEqualTo("lvs exited with 3: /dev/mapper/control: open failed: Permission denied");
    }

    @Test
    void anAbortDuringTheSnapshotCommandKillsItAndEndsTheStageAsAborted() throws Exception {
        ToolGate gate = ToolGate.in(temp);
        fakes.script("lvcreate", gate.shellLine());
        TestingPluginContext built = TestingPluginContext.builder().commands(runner)
                .set("create-new-snapshot-for-seed", true)
                .set("create-snapshot-command", "lvcreate -s -n mysql_snap_x vg0/mysql")
                .paths(new AgentPaths(backupDir, temp, datadir)).build("lvm");
        LvmSettings settings = LvmSettings.read(built.config());
        LvmSeedMethod method = new LvmSeedMethod(new SeedAgentContext(built, new PipeTransferService(runner)), settings,
                stageRunner -> new LvmSnapshotProvider(new ToolRunner(fakes.runner(stageRunner)),
                        settings.createSnapshotCommand(), mounts, ZoneOffset.UTC));
        StageCommandRunner scope = runner.newScope("prepare");
        TestingStageContext stage = new TestingStageContext(SEED, Stage.PREPARE, Side.SOURCE, Optional.empty(), scope);
        CompletableFuture<Void> prepare = CompletableFuture.runAsync(() -> {
            try {
                method.prepare(stage);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            // the snapshot command runs and is blocked at the gate: it cannot finish before the abort
            gate.awaitArrival(Duration.ofSeconds(60));
            assertThat(prepare).isNotDone();
            assertThat(scope.anyAlive()).isTrue();

            stage.cancel();
            scope.killAll();

            assertThatThrownBy(() -> prepare.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(StageAbortedException.class);
            assertThat(scope.anyAlive()).isFalse();
            assertThat(fakes.calls()).extracting(call -> call.get(0)).containsExactly("lvcreate");
        } finally {
            stage.cancel();
            scope.killAll();
            gate.close();
        }
    }

    private static DataSource unusedDataSource() {
        return new MysqlDataSource();
    }
}
