package io.orcagent.plugins.lvm;

import io.orcagent.api.Availability;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.MountInfo;
import io.orcagent.api.Snapshot;
import io.orcagent.api.SnapshotProvider;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LVM snapshots: {@code lvs} to list, the operator's {@code create-snapshot-command} to create,
 * {@code blkid} + {@code mount} (with {@code -o nouuid} for xfs, whose snapshot carries its origin's
 * UUID) to mount, {@code umount} and {@code lvremove --force}. Every tool runs as a privileged argument
 * list; only the operator's own command line goes through {@code sh -c}. An LV path from a request is
 * only used after {@code lvs} has listed it as a snapshot, so {@code removelv} cannot destroy the
 * origin volume.
 */
final class LvmSnapshotProvider implements SnapshotProvider {

    private static final Logger LOG = LoggerFactory.getLogger(LvmSnapshotProvider.class);
    private static final Pattern LV_PATH = Pattern.compile("/dev/[A-Za-z0-9+_.-]+(/[A-Za-z0-9+_.-]+)*");

    private final ToolRunner tools;
    private final String createCommand;
    private final Path mountsFile;
    private final ZoneId localZone;

    LvmSnapshotProvider(ToolRunner tools, String createCommand, Path mountsFile, ZoneId localZone) {
        this.tools = Objects.requireNonNull(tools, "tools is null");
        this.createCommand = Objects.requireNonNull(createCommand, "createCommand is null");
        this.mountsFile = Objects.requireNonNull(mountsFile, "mountsFile is null");
        this.localZone = Objects.requireNonNull(localZone, "localZone is null");
    }

    /** The listing command. */
    static List<String> lvsArgv() {
        return List.of("lvs", "--noheadings", "--separator=" + LvsOutput.SEPARATOR, "-o", LvsOutput.COLUMNS);
    }

    @Override
    public Availability probe() {
        try {
            CommandResult result = tools.attempt(lvsArgv());
            if (result.succeeded()) {
                return Availability.usable();
            }
            return Availability.unavailable("lvs exited with " + result.exitCode() + tail(result.stderrTail()));
        } catch (CommandFailedException e) {
            return Availability.unavailable("lvs cannot run (" + e.getMessage() + "): install lvm2");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Availability.unavailable("lvs was interrupted");
        }
    }

    @Override
    public List<Snapshot> list(String nameFilter) throws CommandFailedException, InterruptedException {
        Objects.requireNonNull(nameFilter, "nameFilter is null");
        return LvsOutput.parse(tools.output(lvsArgv()), nameFilter, localZone);
    }

    @Override
    public Snapshot create() throws CommandFailedException, InterruptedException {
        if (createCommand.isEmpty()) {
            throw new IllegalStateException("create-snapshot-command is not set in [lvm]");
        }
        LOG.info("lvm: running create-snapshot-command");
        tools.runOperatorLine(createCommand);
        List<Snapshot> volumes = list("");
        return SnapshotChoice.newest(volumes).orElseThrow(() -> new IllegalStateException(
                "create-snapshot-command succeeded but " + SnapshotChoice.noneExplained(volumes, "")));
    }

    @Override
    public MountInfo mount(String snapshotPath, Path mountPoint) throws Exception {
        Snapshot snapshot = listedSnapshot(snapshotPath);
        Path dir = MountPoints.requireUsable(mountPoint, MountTable.read(mountsFile));
        String type = fileSystemType(snapshot.path());
        List<String> argv = new ArrayList<>(List.of("mount"));
        if (type.equals("xfs")) {
            argv.addAll(List.of("-o", "nouuid"));
        }
        argv.add(snapshot.path());
        argv.add(dir.toString());
        tools.output(argv);
        LOG.info("lvm: mounted {} ({}) at {}", snapshot.path(), type, dir);
        return new MountInfo(dir.toString(), snapshot.path(), snapshot.path(), type);
    }

    @Override
    public void unmount(Path mountPoint) throws CommandFailedException, InterruptedException {
        Path dir = MountPoints.requireAbsolute(mountPoint);
        tools.output(List.of("umount", dir.toString()));
        LOG.info("lvm: unmounted {}", dir);
    }

    @Override
    public void remove(String snapshotPath) throws CommandFailedException, InterruptedException {
        Snapshot snapshot = listedSnapshot(snapshotPath);
        tools.output(List.of("lvremove", "--force", snapshot.path()));
        LOG.info("lvm: removed snapshot {}", snapshot.path());
    }

    @Override
    public Optional<MountInfo> mounted(Path mountPoint) throws Exception {
        Optional<MountTable.MountEntry> entry = MountTable.read(mountsFile).at(MountPoints.requireAbsolute(mountPoint));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        MountTable.MountEntry e = entry.get();
        return Optional.of(new MountInfo(e.mountPoint(), e.device(), lvPathOf(e.device()), e.fileSystem()));
    }

    /** {@code /dev/mapper/vg-snap} as {@code lvs} names it ({@code /dev/vg/snap}); the device when lvs does not know it. */
    private String lvPathOf(String device) throws InterruptedException {
        if (!device.startsWith("/dev/")) {
            return device;
        }
        try {
            CommandResult result = tools.attempt(List.of("lvs", "--noheadings", "-o", "lv_path", device));
            String path = result.succeeded() ? result.stdout().strip() : "";
            return path.isEmpty() || path.contains("\n") ? device : path;
        } catch (CommandFailedException e) {
            return device;
        }
    }

    private String fileSystemType(String lvPath) throws CommandFailedException, InterruptedException {
        CommandResult result = tools.attempt(List.of("blkid", "-o", "value", "-s", "TYPE", lvPath));
        String type = result.stdout().strip();
        // blkid exits 2 and prints nothing when the device has no recognisable filesystem
        if (type.isEmpty() && (result.exitCode() == 0 || result.exitCode() == 2)) {
            throw new IllegalStateException("blkid found no filesystem TYPE on " + lvPath + ": cannot mount it");
        }
        if (!result.succeeded()) {
            throw new CommandFailedException("blkid", result.exitCode(), result.stderrTail());
        }
        return type.lines().findFirst().orElse("").strip();
    }

    private Snapshot listedSnapshot(String snapshotPath) throws CommandFailedException, InterruptedException {
        Objects.requireNonNull(snapshotPath, "snapshotPath is null");
        if (!LV_PATH.matcher(snapshotPath).matches() || snapshotPath.contains("/../") || snapshotPath.endsWith("/..")) {
            throw new IllegalArgumentException("not an LV path: " + Quoting.quoted(snapshotPath));
        }
        List<Snapshot> volumes = list("");
        for (Snapshot volume : volumes) {
            if (volume.path().equals(snapshotPath)) {
                if (!volume.isSnapshot()) {
                    throw new IllegalArgumentException(snapshotPath + " is not a snapshot; refusing to touch it");
                }
                return volume;
            }
        }
        throw new IllegalArgumentException("lvs does not list " + snapshotPath);
    }

    private static String tail(String stderr) {
        return stderr.isBlank() ? "" : ": " + stderr.strip();
    }
}
