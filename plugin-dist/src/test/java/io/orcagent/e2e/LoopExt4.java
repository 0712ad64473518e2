package io.orcagent.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.orcagent.runtime.lab.LoopBtrfs;

/**
 * A small ext4 filesystem on a loop device, made by a test to fill up: a sparse image, attached, formatted
 * and mounted where the test says; it can be grown (as a DBA would grow the volume), and
 * {@link #close()} unmounts it, detaches the device and deletes the image.
 */
final class LoopExt4 implements AutoCloseable {

    private final Path image;
    private final String device;
    private final Path mountPoint;
    private boolean mounted;

    private LoopExt4(Path image, String device, Path mountPoint) {
        this.image = image;
        this.device = device;
        this.mountPoint = mountPoint;
    }

    /** Whether the test runs as root with losetup, mkfs.ext4, e2fsck and resize2fs. */
    static boolean possible() {
        return "root".equals(System.getProperty("user.name"))
                && Stream.of("losetup", "mkfs.ext4", "e2fsck", "resize2fs").allMatch(t -> Files.isExecutable(Path.of("/usr/sbin", t)));
    }

    /**
     * Creates the filesystem and mounts it.
     *
     * @param image where the image file goes
     * @param mebibytes its size
     * @param mountPoint an existing empty directory
     * @return the mounted filesystem
     */
    static LoopExt4 mount(Path image, int mebibytes, Path mountPoint) throws IOException, InterruptedException {
        LoopBtrfs.run("truncate", "-s", mebibytes + "M", image.toString());
        String device = LoopBtrfs.run("losetup", "-f", "--show", image.toString()).strip();
        LoopExt4 fs = new LoopExt4(image, device, mountPoint);
        try {
            LoopBtrfs.run("mkfs.ext4", "-q", "-F", device);
            LoopBtrfs.run("mount", device, mountPoint.toString());
            fs.mounted = true;
        } catch (IOException | RuntimeException e) {
            fs.close();
            throw e;
        }
        return fs;
    }

    Path mountPoint() {
        return mountPoint;
    }

    /**
     * Grows the volume as a DBA would when online resizing is not allowed: unmounts it, grows the image,
     * the loop device and the filesystem, and mounts it again.
     */
    void grow(int mebibytes) throws IOException, InterruptedException {
        LoopBtrfs.run("umount", mountPoint.toString());
        mounted = false;
        LoopBtrfs.run("truncate", "-s", mebibytes + "M", image.toString());
        LoopBtrfs.run("losetup", "-c", device);
        LoopBtrfs.run("e2fsck", "-f", "-y", device);
        LoopBtrfs.run("resize2fs", device);
        LoopBtrfs.run("mount", device, mountPoint.toString());
        mounted = true;
    }

    @Override
    public void close() {
        try {
            if (mounted) {
                try {
                    LoopBtrfs.run("umount", mountPoint.toString());
                } catch (IOException busy) {
                    LoopBtrfs.run("umount", "-l", mountPoint.toString());
                }
                mounted = false;
            }
            LoopBtrfs.run("losetup", "-d", device);
            Files.deleteIfExists(image);
        } catch (IOException e) {
            throw new IllegalStateException("cannot release " + device + " (" + image + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
