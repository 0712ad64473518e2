package io.orcagent.runtime.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real btrfs filesystem for a test: a sparse 1 GiB image under a test directory, attached to a free
 * loop device, formatted and mounted. {@link #close()} always unmounts everything under the test
 * directory (snapshot mounts included), detaches the loop device and deletes the image, even after a
 * failure; a JVM shutdown hook does the same if the test run dies.
 */
public final class LoopBtrfs implements AutoCloseable {

    private final Path root;
    private final Path image;
    private final String device;
    private final Path mountPoint;
    private final Thread cleanupOnExit;
    private boolean closed;

    private LoopBtrfs(Path root, Path image, String device, Path mountPoint) {
        this.root = root;
        this.image = image;
        this.device = device;
        this.mountPoint = mountPoint;
        this.cleanupOnExit = new Thread(this::release);
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /**
     * Whether this test run may create loop devices and mount filesystems.
     *
     * @return true when running as root with btrfs-progs and losetup installed
     */
    public static boolean possible() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/losetup"))
                && (Files.isExecutable(Path.of("/usr/sbin/mkfs.btrfs")) || Files.isExecutable(Path.of("/sbin/mkfs.btrfs")));
    }

    /**
     * Creates and mounts the filesystem.
     *
     * @param root the test's directory; everything mounted under it is unmounted on close
     * @return the mounted filesystem
     * @throws IOException when a step fails (what was set up is released)
     * @throws InterruptedException when interrupted
     */
    public static LoopBtrfs create(Path root) throws IOException, InterruptedException {
        Path realRoot = root.toRealPath();
        Path image = realRoot.resolve("btrfs.img");
        run("truncate", "-s", "1G", image.toString());
        String device;
        try {
            device = run("losetup", "-f", "--show", image.toString()).strip();
        } catch (IOException e) {
            Files.deleteIfExists(image);
            throw e;
        }
        Path mountPoint = Files.createDirectories(realRoot.resolve("fs"));
        LoopBtrfs fs = new LoopBtrfs(realRoot, image, device, mountPoint);
        try {
            run("mkfs.btrfs", "-q", "-f", device);
            run("mount", device, mountPoint.toString());
        } catch (IOException | RuntimeException e) {
            fs.close();
            throw e;
        }
        return fs;
    }

    /**
     * Where the filesystem is mounted.
     *
     * @return the mount point
     */
    public Path mountPoint() {
        return mountPoint;
    }

    /**
     * The loop device.
     *
     * @return e.g. {@code /dev/loop3}
     */
    public String device() {
        return device;
    }

    /**
     * Creates a subvolume.
     *
     * @param name its name under the filesystem's root
     * @return its path
     * @throws IOException when btrfs fails
     * @throws InterruptedException when interrupted
     */
    public Path subvolume(String name) throws IOException, InterruptedException {
        Path path = mountPoint.resolve(name);
        run("btrfs", "subvolume", "create", path.toString());
        return path;
    }

    /**
     * Runs a tool and returns its output.
     *
     * @param argv the command
     * @return stdout and stderr
     * @throws IOException when it fails or times out
     * @throws InterruptedException when interrupted
     */
    public static String run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", argv) + " timed out");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " exited with " + process.exitValue() + ": " + output);
        }
        return output;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        release();
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs release() again, which finds nothing left
        }
    }

    private synchronized void release() {
        for (Path mounted : mountsUnderRoot()) {
            quietly("umount", mounted.toString());
        }
        for (Path mounted : mountsUnderRoot()) {
            quietly("umount", "-l", mounted.toString());
        }
        quietly("losetup", "-d", device);
        try {
            Files.deleteIfExists(image);
        } catch (IOException e) {
            // the test directory is removed by JUnit anyway
        }
    }

    /** Mount points under the test directory, deepest (most recently stacked) first. */
    private List<Path> mountsUnderRoot() {
        List<Path> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"), StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                if (fields.length > 1) {
                    Path point = Path.of(fields[1].replace("\\040", " "));
                    if (point.startsWith(root)) {
                        found.add(point);
                    }
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        List<Path> ordered = new ArrayList<>(found.reversed());
        ordered.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return ordered;
    }

    private static void quietly(String... argv) {
        try {
            run(argv);
        } catch (IOException e) {
            // best effort: the next step may still succeed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
