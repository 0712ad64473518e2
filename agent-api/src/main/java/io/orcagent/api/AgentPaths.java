package io.orcagent.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Directories a plugin works with.
 *
 * @param backupDir the configured {@code backup-dir}: dump files and snapshot mounts go here
 * @param stateDir the agent's state directory (journal, temporary option files); a plugin may create
 *     a subdirectory named after its id
 * @param mysqlDatadir the local server's {@code @@datadir} as read at start (absolute)
 */
public record AgentPaths(Path backupDir, Path stateDir, Path mysqlDatadir) {

    /**
     * Validates.
     *
     * @param backupDir backup dir
     * @param stateDir state dir
     * @param mysqlDatadir datadir
     */
    public AgentPaths {
        Objects.requireNonNull(backupDir, "backupDir is null");
        Objects.requireNonNull(stateDir, "stateDir is null");
        Objects.requireNonNull(mysqlDatadir, "mysqlDatadir is null");
    }
}
