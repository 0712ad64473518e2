package io.orcagent.runtime.host;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the used bytes of directories (datadir, backup-dir, a snapshot mount) in the background and
 * serves the latest figure at once: a request never waits for a walk (the Go agent ran {@code du -sb}
 * under its global lock on every {@code get-agent-data}). Walks run one after another on one virtual
 * thread, every {@code interval} and on {@link #refreshNow()}.
 */
public final class DiskUsageMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiskUsageMonitor.class);

    /** Called for every file a walk visits; lets a test hold a walk in the middle. */
    interface VisitHook {
        void visited(Path file);
    }

    private final List<Path> directories = new CopyOnWriteArrayList<>();
    private final Map<Path, DiskUsage> latest = new ConcurrentHashMap<>();
    private final Duration interval;
    private final VisitHook hook;
    private final Clock clock;
    private final ScheduledExecutorService walker =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("disk-usage").factory());
    private final Object lock = new Object();
    private CompletableFuture<Void> queued;

    /**
     * Creates a monitor; call {@link #start()} to begin walking.
     *
     * @param directories directories to measure
     * @param interval time between the end of one round of walks and the start of the next
     */
    public DiskUsageMonitor(List<Path> directories, Duration interval) {
        this(directories, interval, file -> { }, Clock.systemUTC());
    }

    DiskUsageMonitor(List<Path> directories, Duration interval, VisitHook hook, Clock clock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.interval = interval;
        this.hook = Objects.requireNonNull(hook, "hook is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        directories.forEach(this::add);
    }

    /** Starts the periodic walks (the first one at once). */
    public void start() {
        walker.scheduleWithFixedDelay(this::walkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Measures one more directory from now on and queues a walk.
     *
     * @param directory the directory
     */
    public void track(Path directory) {
        if (add(directory)) {
            refreshNow();
        }
    }

    /**
     * Queues a round of walks after the current one (requests made while one is queued share it).
     *
     * @return completes when the queued round has finished
     */
    public CompletableFuture<Void> refreshNow() {
        synchronized (lock) {
            if (queued != null) {
                return queued;
            }
            CompletableFuture<Void> round = new CompletableFuture<>();
            queued = round;
            walker.execute(() -> {
                synchronized (lock) {
                    if (queued == round) {
                        queued = null;
                    }
                }
                try {
                    walkAll();
                } finally {
                    round.complete(null);
                }
            });
            return round;
        }
    }

    /**
     * The latest figure for a directory, without waiting.
     *
     * @param directory a tracked directory
     * @return the latest walk result, empty before the first walk ended
     * @throws IllegalArgumentException when the directory is not tracked
     */
    public Optional<DiskUsage> latest(Path directory) {
        Path key = key(directory);
        if (!directories.contains(key)) {
            throw new IllegalArgumentException(directory + " is not measured; track() it first");
        }
        return Optional.ofNullable(latest.get(key));
    }

    /**
     * The latest used-bytes figure, without waiting.
     *
     * @param directory a tracked directory
     * @return bytes used, 0 before the first walk ended (as the Go agent reported on failure)
     * @throws IllegalArgumentException when the directory is not tracked
     */
    public long usedBytes(Path directory) {
        return latest(directory).map(DiskUsage::usedBytes).orElse(0L);
    }

    /**
     * Free bytes for unprivileged users on the file system holding a path ({@code statfs} Bavail ×
     * block size); cheap, read at request time.
     *
     * @param path a path on the file system
     * @return usable bytes
     * @throws IOException when the path does not exist
     */
    public static long freeBytes(Path path) throws IOException {
        return Files.getFileStore(path).getUsableSpace();
    }

    /** Stops walking; a walk in progress is abandoned. */
    @Override
    public void close() {
        walker.shutdownNow();
    }

    /**
     * Walks one tree now, on the caller's thread.
     *
     * @param directory the root
     * @return the measurement
     */
    public DiskUsage walk(Path directory) {
        long[] total = new long[1];
        long[] skipped = new long[1];
        try {
            Files.walkFileTree(directory, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            total[0] += attrs.size();
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            hook.visited(file);
                            total[0] += attrs.size();
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            skipped[0]++; // vanished (tables dropped, binlogs purged) or unreadable
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                            if (e != null) {
                                skipped[0]++;
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            skipped[0]++; // the visitor swallows everything; kept for the checked signature
        }
        return new DiskUsage(directory, total[0], clock.instant(), skipped[0]);
    }

    private void walkAll() {
        for (Path directory : directories) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                DiskUsage usage = walk(directory);
                latest.put(directory, usage);
                if (usage.skipped() > 0) {
                    LOG.debug("disk usage of {}: {} bytes, {} entries skipped", directory, usage.usedBytes(), usage.skipped());
                }
            } catch (RuntimeException e) {
                LOG.warn("measuring disk usage of {} failed: {}", directory, e.toString());
            }
        }
    }

    private synchronized boolean add(Path directory) {
        Path key = key(directory);
        if (directories.contains(key)) {
            return false;
        }
        directories.add(key);
        return true;
    }

    private static Path key(Path directory) {
        return directory.toAbsolutePath().normalize();
    }
}
