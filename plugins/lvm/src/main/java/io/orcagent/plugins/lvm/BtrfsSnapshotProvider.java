package io.orcagent.plugins.lvm;

import io.orcagent.api.Availability;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.MountInfo;
import io.orcagent.api.Snapshot;
import io.orcagent.api.SnapshotProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * btrfs snapshots: read-only snapshots of {@code btrfs-source-subvolume} (the subvolume holding the
 * MySQL datadir) living as subvolumes directly in {@code btrfs-snapshot-dir}. Creating runs the
 * operator's {@code create-snapshot-command} when set (it can hold a global read lock and write the
 * {@code metadata} file first), otherwise {@code btrfs subvolume snapshot -r}; listing reads each
 * subvolume's {@code btrfs subvolume show} (name, parent, creation time with its zone); mounting
 * bind-mounts the snapshot read-only; removing runs {@code btrfs subvolume delete}. Only paths directly
 * inside the snapshot directory that are snapshots are ever mounted or deleted.
 */
final class BtrfsSnapshotProvider implements SnapshotProvider {

    private static final Logger LOG = LoggerFactory.getLogger(BtrfsSnapshotProvider.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+@:.-]{1,255}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final ToolRunner tools;
    private final String createCommand;
    private final Optional<Path> source;
    private final Optional<Path> snapshotDir;
    private final Path mountsFile;
    private final Clock clock;
    private final ZoneId localZone;

    BtrfsSnapshotProvider(ToolRunner tools, String createCommand, Optional<Path> source, Optional<Path> snapshotDir,
                          Path mountsFile, Clock clock, ZoneId localZone) {
        this.tools = Objects.requireNonNull(tools, "tools is null");
        this.createCommand = Objects.requireNonNull(createCommand, "createCommand is null");
        this.source = Objects.requireNonNull(source, "source is null");
        this.snapshotDir = Objects.requireNonNull(snapshotDir, "snapshotDir is null");
        this.mountsFile = Objects.requireNonNull(mountsFile, "mountsFile is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.localZone = Objects.requireNonNull(localZone, "localZone is null");
    }

    @Override
    public Availability probe() {
        if (source.isEmpty() || snapshotDir.isEmpty()) {
            return Availability.unavailable("set btrfs-source-subvolume and btrfs-snapshot-dir in [lvm]");
        }
        try {
            CommandResult version = tools.attempt(List.of("btrfs", "--version"));
            if (!version.succeeded()) {
                return Availability.unavailable("btrfs --version exited with " + version.exitCode());
            }
            CommandResult show = tools.attempt(List.of("btrfs", "subvolume", "show", source.get().toString()));
            if (!show.succeeded()) {
                return Availability.unavailable("btrfs-source-subvolume " + source.get() + " is not a btrfs subvolume: "
                        + show.stderrTail().strip());
            }
        } catch (CommandFailedException e) {
            return Availability.unavailable("btrfs cannot run (" + e.getMessage() + "): install btrfs-progs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Availability.unavailable("btrfs was interrupted");
        }
        if (!Files.isDirectory(snapshotDir.get())) {
            return Availability.unavailable("btrfs-snapshot-dir " + snapshotDir.get() + " is not a directory");
        }
        return Availability.usable();
    }

    @Override
    public List<Snapshot> list(String nameFilter) throws IOException, CommandFailedException, InterruptedException {
        Objects.requireNonNull(nameFilter, "nameFilter is null");
        Path src = requireSource();
        Path dir = requireSnapshotDir();
        String group = MountTable.read(mountsFile).containing(dir).map(MountTable.MountEntry::mountPoint).orElse("");
        List<Snapshot> volumes = new ArrayList<>();
        show(src).ifPresent(s -> volumes.add(new Snapshot(s.name(), group, src.toString(), false, 0.0, s.createdAt())));
        List<Path> children;
        try (Stream<Path> entries = Files.list(dir)) {
            children = entries.filter(Files::isDirectory).sorted().toList();
        }
        List<Map.Entry<SubvolumeShow, Path>> subvolumes = new ArrayList<>();
        for (Path child : children) {
            Optional<SubvolumeShow> shown = show(child);
            if (shown.isEmpty()) {
                LOG.debug("btrfs: {} is not a subvolume; not listed", child);
                continue;
            }
            subvolumes.add(Map.entry(shown.get(), child));
        }
        // creation order, which breaks ties between snapshots taken within the same second
        subvolumes.sort(Comparator.comparingLong((Map.Entry<SubvolumeShow, Path> e) -> e.getKey().generationAtCreation())
                .thenComparing(Map.Entry::getValue));
        for (Map.Entry<SubvolumeShow, Path> e : subvolumes) {
            SubvolumeShow s = e.getKey();
            volumes.add(new Snapshot(e.getValue().getFileName().toString(), group, e.getValue().toString(),
                    s.parentUuid().isPresent(), 0.0, s.createdAt()));
        }
        return volumes.stream().filter(v -> v.name().contains(nameFilter)).toList();
    }

    @Override
    public Snapshot create() throws IOException, CommandFailedException, InterruptedException {
        Path src = requireSource();
        Path dir = requireSnapshotDir();
        if (!createCommand.isEmpty()) {
            LOG.info("btrfs: running create-snapshot-command");
            tools.runOperatorLine(createCommand);
            List<Snapshot> volumes = list("");
            return SnapshotChoice.newest(volumes).orElseThrow(() -> new IllegalStateException(
                    "create-snapshot-command succeeded but " + SnapshotChoice.noneExplained(volumes, "")));
        }
        Path target = dir.resolve(src.getFileName() + "-" + STAMP.format(clock.instant()));
        if (Files.exists(target)) {
            throw new IllegalStateException(target + " already exists");
        }
        tools.output(List.of("btrfs", "subvolume", "snapshot", "-r", src.toString(), target.toString()));
        LOG.info("btrfs: created read-only snapshot {} of {}", target, src);
        SubvolumeShow shown = show(target).orElseThrow(() -> new IllegalStateException(
                "btrfs created " + target + " but does not show it as a subvolume"));
        String group = MountTable.read(mountsFile).containing(dir).map(MountTable.MountEntry::mountPoint).orElse("");
        return new Snapshot(target.getFileName().toString(), group, target.toString(), true, 0.0, shown.createdAt());
    }

    @Override
    public MountInfo mount(String snapshotPath, Path mountPoint) throws Exception {
        Path snapshot = listedSnapshot(snapshotPath);
        Path dir = MountPoints.requireUsable(mountPoint, MountTable.read(mountsFile));
        tools.output(List.of("mount", "-o", "bind,ro", snapshot.toString(), dir.toString()));
        LOG.info("btrfs: mounted {} read-only at {}", snapshot, dir);
        String device = MountTable.read(mountsFile).at(dir).map(MountTable.MountEntry::device).orElse(snapshot.toString());
        return new MountInfo(dir.toString(), device, snapshot.toString(), "btrfs");
    }

    @Override
    public void unmount(Path mountPoint) throws CommandFailedException, InterruptedException {
        Path dir = MountPoints.requireAbsolute(mountPoint);
        tools.output(List.of("umount", dir.toString()));
        LOG.info("btrfs: unmounted {}", dir);
    }

    @Override
    public void remove(String snapshotPath) throws CommandFailedException, InterruptedException {
        Path snapshot = listedSnapshot(snapshotPath);
        tools.output(List.of("btrfs", "subvolume", "delete", snapshot.toString()));
        LOG.info("btrfs: deleted snapshot {}", snapshot);
    }

    @Override
    public Optional<MountInfo> mounted(Path mountPoint) throws IOException {
        Optional<MountTable.MountEntry> entry = MountTable.read(mountsFile).at(MountPoints.requireAbsolute(mountPoint));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        MountTable.MountEntry e = entry.get();
        return Optional.of(new MountInfo(e.mountPoint(), e.device(), volumePath(e), e.fileSystem()));
    }

    /** The snapshot a mount shows: {@code subvol=/…/<name>} is {@code <snapshot-dir>/<name>} when that exists. */
    private String volumePath(MountTable.MountEntry entry) {
        Optional<String> subvol = entry.option("subvol");
        if (subvol.isEmpty()) {
            return entry.device();
        }
        Path name = Path.of(subvol.get()).getFileName();
        if (name != null && snapshotDir.isPresent()) {
            Path candidate = snapshotDir.get().resolve(name.toString());
            if (Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return subvol.get();
    }

    private Optional<SubvolumeShow> show(Path path) throws CommandFailedException, InterruptedException {
        CommandResult result = tools.attempt(List.of("btrfs", "subvolume", "show", path.toString()));
        return result.succeeded() ? SubvolumeShow.parse(result.stdout(), localZone) : Optional.empty();
    }

    /** A request's path, accepted only when it names a snapshot directly inside the snapshot directory. */
    private Path listedSnapshot(String snapshotPath) throws CommandFailedException, InterruptedException {
        Objects.requireNonNull(snapshotPath, "snapshotPath is null");
        Path dir = requireSnapshotDir();
        Path path = snapshotPath.startsWith("/") && snapshotPath.indexOf('\0') < 0 ? Path.of(snapshotPath).normalize() : null;
        if (path == null || path.getFileName() == null || !dir.equals(path.getParent())
                || !NAME.matcher(path.getFileName().toString()).matches() || path.getFileName().toString().startsWith(".")) {
            throw new IllegalArgumentException("not a snapshot in " + dir + ": " + Quoting.quoted(snapshotPath));
        }
        Optional<SubvolumeShow> shown = show(path);
        if (shown.isEmpty()) {
            throw new IllegalArgumentException(path + " is not a btrfs subvolume");
        }
        if (shown.get().parentUuid().isEmpty()) {
            throw new IllegalArgumentException(path + " is not a snapshot; refusing to touch it");
        }
        return path;
    }

    private Path requireSource() {
        return source.orElseThrow(() -> new IllegalStateException("btrfs-source-subvolume is not set in [lvm]"));
    }

    private Path requireSnapshotDir() {
        Path dir = snapshotDir.orElseThrow(() -> new IllegalStateException("btrfs-snapshot-dir is not set in [lvm]"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("btrfs-snapshot-dir " + dir + " is not a directory");
        }
        return dir;
    }
}
