package io.orcagent.plugins.seedsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates files and directories only the agent's user can use: 0600 and 0700, given as the creation
 * mode, so there is no moment with wider permissions, whatever the umask (a umask only removes bits).
 * For dumps and tool scratch space: they hold every row of the source, {@code mysql.user} password
 * hashes included. Directories that exist already are left as the operator made them.
 */
public final class OwnerOnlyFiles {

    private static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private OwnerOnlyFiles() {
    }

    /**
     * Creates a directory and its missing parents, each 0700.
     *
     * @param dir the directory
     * @return {@code dir}
     * @throws IOException when it cannot be created, or a file is in the way
     */
    public static Path createDirectories(Path dir) throws IOException {
        return Files.createDirectories(dir, DIRECTORY);
    }

    /**
     * Replaces whatever is at {@code file} with a new empty 0600 file, creating missing parent
     * directories 0700. A tool's output redirected to it (truncating) keeps those permissions.
     *
     * @param file the file
     * @return {@code file}
     * @throws IOException when it cannot be created
     */
    public static Path createEmptyFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        Files.deleteIfExists(file);
        return Files.createFile(file, FILE);
    }
}
