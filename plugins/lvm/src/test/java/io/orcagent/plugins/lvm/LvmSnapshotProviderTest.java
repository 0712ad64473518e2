package io.orcagent.plugins.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.MountInfo;
import io.orcagent.api.Snapshot;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lvm provider against recorded {@code lvs}/{@code blkid} output: fake tools first on PATH log the
 * exact argument lists the provider runs.
 */
class LvmSnapshotProviderTest {

    private static final List<String> LVS = List.of("lvs", "--noheadings", "--separator=|", "-o",
            "lv_name,vg_name,lv_path,snap_percent,lv_time,origin");
    private static final String SNAPSHOT = "/dev/vg0/mysql_snap_0502";

    @TempDir
    Path temp;

    private FakeTools fakes;
    private Path mountPoint;

    @BeforeEach
    void recordedTools() throws Exception {
        fakes = FakeTools.in(temp)
                .tool("lvs", List.of(new FakeTools.Case("*-o\\ lv_path\\ *",
                                new FakeTools.Answer(0, "  /dev/vg0/mysql_snap_0501\n"))),
                        new FakeTools.Answer(0, Recorded.text("lvs-site.out")))
                .tool("blkid", 0, "xfs\n")
                .tool("mount", 0, "")
                .tool("umount", 0, "")
                .tool("lvremove", 0, "  Logical volume \"mysql_snap_0502\" successfully removed\n")
                .tool("lvcreate", 0, "  Logical volume \"mysql_snap_0503\" created.\n");
        mountPoint = Files.createDirectories(temp.resolve("backup"));
    }

    private LvmSnapshotProvider provider(String createCommand) {
        return new LvmSnapshotProvider(new ToolRunner(fakes.runner()), createCommand, Recorded.file("mounts"),
                ZoneOffset.UTC);
    }

    @Test
    void listRunsLvsWithSeparatorAndTimeColumnsAndFilters() throws Exception {
        List<Snapshot> volumes = provider("").list("mysql_snap");

        assertThat(fakes.calls()).containsExactly(LVS);
        assertThat(volumes).containsExactly(
                new Snapshot("mysql_snap_0501", "vg0", "/dev/vg0/mysql_snap_0501", true, 12.5,
                        Optional.of(Instant.parse("2024-05-01T00:00:03Z"))),
                new Snapshot("mysql_snap_0502", "vg0", SNAPSHOT, true, (double) Float.parseFloat("3.17"),
                        Optional.of(Instant.parse("2024-05-02T00:00:04Z"))));
    }

    @Test
    void everyToolRunsPrivilegedWithATimeLimit() throws Exception {
        LvmSnapshotProvider provider = provider("");
        provider.list("");
        provider.mount(SNAPSHOT, mountPoint);

        assertThat(fakes.started()).hasSize(4).allSatisfy(command -> {
            assertThat(command.privileged()).isTrue();
            assertThat(command.timeout()).isPresent();
        });
    }

    @Test
    void emptyLvsOutputListsNothing() throws Exception {
        fakes.tool("lvs", 0, "");

        assertThat(provider("").list("")).isEmpty();
    }

    @Test
    void malformedLvsRowsAreSkippedNotFatal() throws Exception {
        fakes.tool("lvs", 0, Recorded.text("lvs-odd.out"));

        assertThat(provider("").list("")).extracting(Snapshot::name)
                .containsExactly("mysql_snap_old", "mysql_snap_odd", "mysql_snap_local");
    }

    @Test
    void anXfsSnapshotIsMountedWithNouuid() throws Exception {
        MountInfo mount = provider("").mount(SNAPSHOT, mountPoint);

        assertThat(fakes.calls()).containsExactly(LVS,
                List.of("blkid", "-o", "value", "-s", "TYPE", SNAPSHOT),
                List.of("mount", "-o", "nouuid", SNAPSHOT, mountPoint.toString()));
        assertThat(mount).isEqualTo(new MountInfo(mountPoint.toString(), SNAPSHOT, SNAPSHOT, "xfs"));
    }

    @Test
    void anExt4SnapshotIsMountedWithoutOptions() throws Exception {
        fakes.tool("blkid", 0, "ext4\n");

        provider("").mount(SNAPSHOT, mountPoint);

        assertThat(fakes.calls()).last().isEqualTo(List.of("mount", SNAPSHOT, mountPoint.toString()));
    }

    @Test
    void aSnapshotWithoutFilesystemTypeIsAClearErrorAndNothingIsMounted() throws Exception {
        fakes.tool("blkid", 2, "");

        assertThatThrownBy(() -> provider("").mount(SNAPSHOT, mountPoint))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("blkid found no filesystem TYPE on " + SNAPSHOT + ": cannot mount it");
        assertThat(fakes.calls()).extracting(call -> call.get(0)).containsExactly("lvs", "blkid");
    }

    @Test
    void theOriginVolumeIsNeverMountedOrRemoved() throws Exception {
        LvmSnapshotProvider provider = provider("");

        assertThatThrownBy(() -> provider.mount("/dev/vg0/mysql", mountPoint))
                .hasMessage("/dev/vg0/mysql is not a snapshot; refusing to touch it");
        assertThatThrownBy(() -> provider.remove("/dev/vg0/mysql"))
                .hasMessage("/dev/vg0/mysql is not a snapshot; refusing to touch it");
        assertThat(fakes.calls()).containsExactly(LVS, LVS);
    }

    @Test
    void aPathThatIsNoLvPathNeverReachesATool() throws Exception {
        LvmSnapshotProvider provider = provider("");

        assertThatThrownBy(() -> provider.remove("--all")).hasMessage("not an LV path: \"--all\"");
        assertThatThrownBy(() -> provider.remove("/dev/vg0/../sda")).hasMessageStartingWith("not an LV path");
        assertThatThrownBy(() -> provider.mount("/dev/vg0/x y", mountPoint)).hasMessageStartingWith("not an LV path");
        assertThat(fakes.calls()).isEmpty();
    }

    @Test
    void anUnlistedSnapshotIsRefused() throws Exception {
        assertThatThrownBy(() -> provider("").remove("/dev/vg0/mysql_snap_gone"))
                .hasMessage("lvs does not list /dev/vg0/mysql_snap_gone");
        assertThat(fakes.calls()).containsExactly(LVS);
    }

    @Test
    void aMountPointInUseIsRefusedBeforeAnyMount() throws Exception {
        LvmSnapshotProvider provider = provider("");

        assertThatThrownBy(() -> provider.mount(SNAPSHOT, Path.of("/var/lib/mysql")))
                .hasMessage("/dev/mapper/vg0-mysql is already mounted at /var/lib/mysql; unmount it first");
        assertThat(fakes.calls()).containsExactly(LVS);
    }

    @Test
    void removeRunsLvremoveForce() throws Exception {
        provider("").remove(SNAPSHOT);

        assertThat(fakes.calls()).containsExactly(LVS, List.of("lvremove", "--force", SNAPSHOT));
    }

    @Test
    void unmountRunsUmountOnTheDirectory() throws Exception {
        provider("").unmount(mountPoint);

        assertThat(fakes.calls()).containsExactly(List.of("umount", mountPoint.toString()));
    }

    @Test
    void aFailingToolCarriesItsStderr() throws Exception {
        fakes.tool("umount", 32, "", "umount: /x: not mounted.\n");

        assertThatThrownBy(() -> provider("").unmount(Path.of("/x")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("umount exited with 32: umount: /x: not mounted.");
    }

    @Test
    void mountedMatchesTheExactMountPointAndNamesTheLv() throws Exception {
        Optional<MountInfo> mounted = provider("").mounted(Path.of("/var/backups/orchestrator agent"));

        assertThat(mounted).contains(new MountInfo("/var/backups/orchestrator agent", "/dev/mapper/vg0-mysql_snap_0501",
                "/dev/vg0/mysql_snap_0501", "xfs"));
        assertThat(fakes.calls()).containsExactly(
                List.of("lvs", "--noheadings", "-o", "lv_path", "/dev/mapper/vg0-mysql_snap_0501"));
    }

    @Test
    void aPrefixOfAMountPointIsNotMounted() throws Exception {
        assertThat(provider("").mounted(Path.of("/var/backups/orchestrator"))).isEmpty();
        assertThat(provider("").mounted(Path.of("/var/lib"))).isEmpty();
    }

    @Test
    void createRunsTheOperatorLineThroughShAndReturnsTheNewestSnapshot() throws Exception {
        String line = "lvcreate --snapshot --size 1G --name mysql_snap_0503 vg0/mysql && echo done";

        Snapshot created = provider(line).create();

        assertThat(fakes.started().get(0).argv()).containsExactly("sh", "-c", line);
        assertThat(fakes.started().get(0).privileged()).isTrue();
        assertThat(fakes.calls()).containsExactly(
                List.of("lvcreate", "--snapshot", "--size", "1G", "--name", "mysql_snap_0503", "vg0/mysql"), LVS);
        assertThat(created.path()).isEqualTo("/dev/vg1/mysql_thin_snap");
    }

    @Test
    void createWithoutACommandSaysWhichKeyIsMissing() {
        assertThatThrownBy(() -> provider("").create())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("create-snapshot-command is not set in [lvm]");
    }

    @Test
    void theProbeIsUsableWhenLvsWorksAndSaysWhyOtherwise() throws Exception {
        assertThat(provider("").probe().available()).isTrue();

        fakes.tool("lvs", 5, "");
        assertThat(provider("").probe().reason()).isEqualTo("lvs exited with 5");
    }

    @Test
    void aMissingLvsMakesTheProviderUnavailable() throws Exception {
        ProcessCommandRunner real = new ProcessCommandRunner(new LocalCommandExecutor());
        LvmSnapshotProvider provider = new LvmSnapshotProvider(new ToolRunner(command -> real.start(renamed(command))),
                "", Recorded.file("mounts"), ZoneOffset.UTC);

        assertThat(provider.probe().reason()).startsWith("lvs cannot run").endsWith(": install lvm2");
    }

    private static Command renamed(Command command) {
        List<String> argv = new ArrayList<>(command.argv());
        argv.set(0, "no-such-lvs-here");
        return new Command(argv, command.workDir(), command.environment(), command.stdinFrom(), command.stdoutTo(),
                command.appendStdout(), command.privileged(), command.timeout());
    }
}
