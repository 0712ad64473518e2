package io.orcagent.plugins.seedsupport;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Size and removal of a file or directory tree, tolerant of files appearing and disappearing while a
 * tool writes (sizes) and of a path that does not exist (both). Symbolic links are never followed.
 */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Total size of the regular files at or under a path.
     *
     * @param path a file or directory
     * @return bytes, 0 when the path does not exist
     */
    public static long sizeOf(Path path) {
        long[] total = {0};
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    // the tool removed or renamed it between listing and reading: skip it
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the walk itself failed: report what was counted so far
        }
        return total[0];
    }

    /**
     * Deletes a file or a directory tree.
     *
     * @param path what to delete
     * @return whether something was deleted
     * @throws IOException when something exists but cannot be deleted
     */
    public static boolean delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return true;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        return true;
    }
}
