package io.orcagent.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.Command;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskUsageMonitorTest {

    @TempDir
    Path dir;

    final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());

    @AfterEach
    void stopRunner() {
        runner.shutdown();
    }

    @Test
    void aWalkCountsWhatDuCountsInApparentBytes() throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("a/b/c"));
        Files.createDirectories(tree.resolve("empty"));
        Files.write(tree.resolve("one"), new byte[12_345]);
        Files.write(tree.resolve("a/two"), new byte[1]);
        Files.write(tree.resolve("a/b/c/three"), new byte[1 << 20]);
        Files.write(dir.resolve("outside"), new byte[5_000_000]);
        Files.createSymbolicLink(tree.resolve("a/link-to-outside"), dir.resolve("outside"));

        try (DiskUsageMonitor monitor = new DiskUsageMonitor(List.of(tree), Duration.ofHours(1))) {
            long du = Long.parseLong(runner.runChecked(Command.of("du", "-sb", tree.toString())).stdout().split("\\s+")[0]);
            assertThat(monitor.walk(tree).usedBytes()).isEqualTo(du).isLessThan(5_000_000);
        }
    }

    @Test
    void aRequestGetsThePreviousFigureWhileAWalkOfALargeTreeIsInProgress() throws Exception {
        Path tree = dir.resolve("large");
        Files.createDirectories(tree);
        for (int i = 0; i < 50_000; i++) {
            Files.write(tree.resolve("f" + i), new byte[3]);
        }
        CountDownLatch walkReachedAFile = new CountDownLatch(1);
        CountDownLatch releaseWalk = new CountDownLatch(1);
        AtomicBoolean holdNextWalk = new AtomicBoolean();
        DiskUsageMonitor.VisitHook hook = file -> {
            if (holdNextWalk.compareAndSet(true, false)) {
                walkReachedAFile.countDown();
                awaitQuietly(releaseWalk);
            }
        };
        try (DiskUsageMonitor monitor = new DiskUsageMonitor(List.of(tree), Duration.ofHours(1), hook, Clock.systemUTC())) {
            monitor.refreshNow().get(60, TimeUnit.SECONDS);
            long first = monitor.usedBytes(tree);
            assertThat(first).isGreaterThanOrEqualTo(50_000L * 3);

            Files.write(tree.resolve("grown"), new byte[1_000_000]);
            holdNextWalk.set(true);
            CompletableFuture<Void> second = monitor.refreshNow();
            assertThat(walkReachedAFile.await(60, TimeUnit.SECONDS)).isTrue();

            assertThat(monitor.usedBytes(tree)).isEqualTo(first); // served while the walk is held
            assertThat(second).isNotDone();

            releaseWalk.countDown();
            second.get(60, TimeUnit.SECONDS);
            assertThat(monitor.usedBytes(tree)).isEqualTo(first + 1_000_000);
        } finally {
            releaseWalk.countDown();
        }
    }

    @Test
    void filesThatVanishDuringAWalkAreSkipped() throws Exception {
        Path tree = dir.resolve("churn");
        Files.createDirectories(tree);
        for (int i = 0; i < 20; i++) {
            Files.write(tree.resolve("f" + i), new byte[100]);
        }
        AtomicBoolean deleted = new AtomicBoolean();
        DiskUsageMonitor.VisitHook deleteTheOthers = visited -> {
            if (deleted.compareAndSet(false, true)) {
                for (int i = 0; i < 20; i++) {
                    Path other = tree.resolve("f" + i);
                    if (!other.equals(visited)) {
                        other.toFile().delete();
                    }
                }
            }
        };
        long directoryItself = Files.size(tree); // read before the deletions, as the walk does
        try (DiskUsageMonitor monitor = new DiskUsageMonitor(List.of(tree), Duration.ofHours(1), deleteTheOthers,
                Clock.systemUTC())) {
            DiskUsage usage = monitor.walk(tree);
            assertThat(usage.skipped()).isEqualTo(19);
            assertThat(usage.usedBytes()).isEqualTo(directoryItself + 100);
        }
    }

    @Test
    void aMissingDirectoryMeasuresZero() throws Exception {
        Path missing = dir.resolve("missing");
        try (DiskUsageMonitor monitor = new DiskUsageMonitor(List.of(missing), Duration.ofHours(1))) {
            monitor.refreshNow().get(10, TimeUnit.SECONDS);
            assertThat(monitor.usedBytes(missing)).isZero();
            assertThat(monitor.latest(missing)).hasValueSatisfying(usage -> assertThat(usage.skipped()).isEqualTo(1));
        }
    }

    @Test
    void beforeTheFirstWalkTheFigureIsZero() {
        try (DiskUsageMonitor monitor = new DiskUsageMonitor(List.of(dir), Duration.ofHours(1))) {
            assertThat(monitor.usedBytes(dir)).isZero();
            assertThat(monitor.latest(dir)).isEmpty();
        }
    }

    @Test
    void periodicWalksPickUpChanges() throws Exception {
        try (DiskUsageMonitor monitor = new DiskUsageMonitor(List.of(dir), Duration.ofMillis(50))) {
            monitor.start();
            Files.write(dir.resolve("added"), new byte[777_777]);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (monitor.usedBytes(dir) < 777_777 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(monitor.usedBytes(dir)).isGreaterThanOrEqualTo(777_777);
        }
    }

    @Test
    void aTrackedDirectoryIsMeasuredFromThenOn() throws Exception {
        Path later = dir.resolve("later");
        Files.createDirectories(later);
        Files.write(later.resolve("f"), new byte[4321]);
        try (DiskUsageMonitor monitor = new DiskUsageMonitor(List.of(), Duration.ofHours(1))) {
            assertThatThrownBy(() -> monitor.usedBytes(later)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not measured");
            monitor.track(later);
            monitor.refreshNow().get(10, TimeUnit.SECONDS);
            assertThat(monitor.usedBytes(later)).isGreaterThanOrEqualTo(4321);
        }
    }

    @Test
    void freeBytesAgreesWithDf() throws Exception {
        String[] df = runner.runChecked(Command.of("df", "-B1", "--output=avail", dir.toString())).stdout().trim().split("\\s+");
        long dfAvail = Long.parseLong(df[df.length - 1]);
        // other processes write to the same file system meanwhile: allow a little drift
        assertThat(DiskUsageMonitor.freeBytes(dir)).isCloseTo(dfAvail, org.assertj.core.data.Offset.offset(64L << 20));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
