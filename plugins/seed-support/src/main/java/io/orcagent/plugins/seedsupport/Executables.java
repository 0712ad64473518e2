package io.orcagent.plugins.seedsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Looks programs up on the agent's {@code PATH}, to pick a default tool name ({@code mariadb-dump}
 * where MariaDB's client is installed, {@code mysqldump} otherwise).
 */
public final class Executables {

    private Executables() {
    }

    /**
     * Whether a program can be found.
     *
     * @param program a bare name (looked up on {@code PATH}) or a path
     * @return true when an executable file exists there
     */
    public static boolean onPath(String program) {
        Objects.requireNonNull(program, "program is null");
        if (program.contains(File.separator)) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The preferred program when it is installed, the fallback otherwise.
     *
     * @param preferred e.g. {@code mariadb-dump}
     * @param fallback e.g. {@code mysqldump}
     * @return one of the two
     */
    public static String preferred(String preferred, String fallback) {
        return onPath(preferred) ? preferred : fallback;
    }
}
