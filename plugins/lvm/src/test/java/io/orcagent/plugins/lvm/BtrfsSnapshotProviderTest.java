package io.orcagent.plugins.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.orcagent.api.MountInfo;
import io.orcagent.api.Snapshot;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.orcagent.runtime.lab.LoopBtrfs;

/**
 * The btrfs provider on a real btrfs filesystem (a loop device each test creates and removes).
 */
class BtrfsSnapshotProviderTest {

    @TempDir
    Path temp;

    private LoopBtrfs fs;
    private Path source;
    private Path snapshots;
    private Path mountPoint;

    @BeforeEach
    void filesystem() throws Exception {
        assumeThat(LoopBtrfs.possible()).as("needs root, losetup and btrfs-progs").isTrue();
        fs = LoopBtrfs.create(temp);
        source = fs.subvolume("mysql");
        Files.createDirectories(source.resolve("data"));
        Files.writeString(source.resolve("data/ibdata1"), "system tablespace");
        snapshots = Files.createDirectories(fs.mountPoint().resolve("snapshots"));
        mountPoint = Files.createDirectories(temp.resolve("backup"));
    }

    @AfterEach
    void release() {
        if (fs != null) {
            fs.close();
        }
    }

    private BtrfsSnapshotProvider provider(String createCommand) {
        return new BtrfsSnapshotProvider(new ToolRunner(new ProcessCommandRunner(new LocalCommandExecutor())),
                createCommand, Optional.of(source), Optional.of(snapshots), MountTable.PROC_MOUNTS, Clock.systemUTC(),
                ZoneId.systemDefault());
    }

    @Test
    void createTakesAReadOnlySnapshotOfTheSourceSubvolume() throws Exception {
        Instant before = Instant.now().minusSeconds(1);

        Snapshot created = provider("").create();

        assertThat(created.isSnapshot()).isTrue();
        assertThat(Path.of(created.path()).getParent()).isEqualTo(snapshots);
        assertThat(created.name()).startsWith("mysql-");
        assertThat(created.groupName()).isEqualTo(fs.mountPoint().toString());
        assertThat(created.createdAt()).get().satisfies(t -> assertThat(t).isBetween(before, Instant.now().plusSeconds(1)));
        assertThat(Files.readString(Path.of(created.path(), "data/ibdata1"))).isEqualTo("system tablespace");
        assertThatThrownBy(() -> Files.writeString(Path.of(created.path(), "data/new"), "x")).isInstanceOf(IOException.class);
    }

    @Test
    void listShowsTheSourceAndItsSnapshotsWithCreationTimes() throws Exception {
        BtrfsSnapshotProvider provider = provider("");
        Snapshot first = provider.create();
        Files.createDirectories(snapshots.resolve("not-a-subvolume"));
        Files.writeString(snapshots.resolve("a-file"), "x");
        Snapshot second = provider.create();

        List<Snapshot> listed = provider.list("");

        assertThat(listed).extracting(Snapshot::path, Snapshot::isSnapshot).containsExactly(
                org.assertj.core.groups.Tuple.tuple(source.toString(), false),
                org.assertj.core.groups.Tuple.tuple(first.path(), true),
                org.assertj.core.groups.Tuple.tuple(second.path(), true));
        assertThat(listed).allSatisfy(v -> assertThat(v.createdAt()).isPresent());
        assertThat(SnapshotChoice.newest(listed)).contains(second);
    }

    @Test
    void theFilterKeepsNamesContainingIt() throws Exception {
        BtrfsSnapshotProvider provider = provider("");
        Snapshot created = provider.create();

        assertThat(provider.list(created.name().substring(6))).containsExactly(created);
        assertThat(provider.list("nothing-like-this")).isEmpty();
    }

    @Test
    void createRunsTheOperatorCommandWhenOneIsSet() throws Exception {
        String line = "btrfs subvolume snapshot -r " + source + " " + snapshots.resolve("nightly-1");

        Snapshot created = provider(line).create();

        assertThat(created.path()).isEqualTo(snapshots.resolve("nightly-1").toString());
        assertThat(created.isSnapshot()).isTrue();
    }

    @Test
    void mountBindsTheSnapshotReadOnlyAndMountedReportsIt() throws Exception {
        BtrfsSnapshotProvider provider = provider("");
        Snapshot created = provider.create();

        MountInfo mount = provider.mount(created.path(), mountPoint);

        assertThat(mount).isEqualTo(new MountInfo(mountPoint.toString(), fs.device(), created.path(), "btrfs"));
        assertThat(provider.mounted(mountPoint)).contains(mount);
        assertThat(Files.readString(mountPoint.resolve("data/ibdata1"))).isEqualTo("system tablespace");
        assertThatThrownBy(() -> Files.writeString(mountPoint.resolve("data/new"), "x")).isInstanceOf(IOException.class);
    }

    @Test
    void anOccupiedMountPointIsRefused() throws Exception {
        BtrfsSnapshotProvider provider = provider("");
        Snapshot first = provider.create();
        Snapshot second = provider.create();
        provider.mount(first.path(), mountPoint);

        assertThatThrownBy(() -> provider.mount(second.path(), mountPoint))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(fs.device() + " is already mounted at " + mountPoint + "; unmount it first");
        assertThat(provider.mounted(mountPoint)).get().extracting(MountInfo::volumePath).isEqualTo(first.path());
    }

    @Test
    void unmountLeavesNothingMounted() throws Exception {
        BtrfsSnapshotProvider provider = provider("");
        provider.mount(provider.create().path(), mountPoint);

        provider.unmount(mountPoint);

        assertThat(provider.mounted(mountPoint)).isEmpty();
        assertThat(mountPoint.resolve("data")).doesNotExist();
    }

    @Test
    void removeDeletesTheSnapshot() throws Exception {
        BtrfsSnapshotProvider provider = provider("");
        Snapshot created = provider.create();

        provider.remove(created.path());

        assertThat(Path.of(created.path())).doesNotExist();
        assertThat(provider.list("")).extracting(Snapshot::path).containsExactly(source.toString());
    }

    @Test
    void theSourceAndPathsOutsideTheSnapshotDirectoryAreNeverRemoved() throws Exception {
        BtrfsSnapshotProvider provider = provider("");
        Path plain = fs.subvolume("snapshots/plain");

        assertThatThrownBy(() -> provider.remove(source.toString())).hasMessageStartingWith("not a snapshot in " + snapshots);
        assertThatThrownBy(() -> provider.remove(snapshots + "/../mysql")).hasMessageStartingWith("not a snapshot in");
        assertThatThrownBy(() -> provider.remove("relative")).hasMessageStartingWith("not a snapshot in");
        assertThatThrownBy(() -> provider.remove(plain.toString()))
                .hasMessage(plain + " is not a snapshot; refusing to touch it");
        assertThat(source).isDirectory();
        assertThat(plain).isDirectory();
    }

    @Test
    void theProbeIsUsableOnASubvolume() {
        assertThat(provider("").probe().available()).isTrue();
    }

    @Test
    void theProbeSaysWhenTheSourceIsNotASubvolume() throws Exception {
        source = Files.createDirectories(fs.mountPoint().resolve("plain-dir"));

        assertThat(provider("").probe().reason())
                .startsWith("btrfs-source-subvolume " + source + " is not a btrfs subvolume");
    }

    @Test
    void theProbeSaysWhichKeysAreMissing() {
        BtrfsSnapshotProvider unset = new BtrfsSnapshotProvider(new ToolRunner(new ProcessCommandRunner(
                new LocalCommandExecutor())), "", Optional.empty(), Optional.empty(), MountTable.PROC_MOUNTS,
                Clock.systemUTC(), ZoneId.systemDefault());

        assertThat(unset.probe().reason()).isEqualTo("set btrfs-source-subvolume and btrfs-snapshot-dir in [lvm]");
        assertThatThrownBy(unset::create).hasMessage("btrfs-source-subvolume is not set in [lvm]");
    }

    @Test
    void theLoopFilesystemIsGoneAfterClose() throws Exception {
        BtrfsSnapshotProvider provider = provider("");
        provider.mount(provider.create().path(), mountPoint);

        fs.close();

        assertThat(Files.readString(MountTable.PROC_MOUNTS)).doesNotContain(temp.toRealPath().toString());
        assertThat(LoopBtrfs.run("losetup", "-a")).doesNotContain(temp.toRealPath().toString());
    }
}
