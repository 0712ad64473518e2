package io.orcagent.runtime.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The host and MySQL facts get-agent-data and the legacy polling routes report. Implementations serve
 * disk usage from a background figure so no call waits for a directory walk.
 */
public interface HostView {

    /**
     * The local server's datadir.
     *
     * @return the absolute datadir
     */
    Path datadir();

    /**
     * The local server's datadir as the server reports it ({@code @@datadir}, usually with a trailing
     * slash), which is what get-agent-data sends as {@code MySQLDatadir}; the last value read while
     * MySQL cannot be asked.
     *
     * @return the value
     */
    String reportedDatadir();

    /**
     * Bytes used by the datadir (latest background figure).
     *
     * @return bytes
     */
    long datadirUsed();

    /**
     * Free bytes on the datadir's filesystem.
     *
     * @return bytes
     */
    long datadirFree();

    /**
     * The configured backup dir.
     *
     * @return the path
     */
    Path backupDir();

    /**
     * Bytes used under the backup dir (latest background figure).
     *
     * @return bytes
     */
    long backupDirUsed();

    /**
     * Free bytes on the backup dir's filesystem.
     *
     * @return bytes
     */
    long backupDirFree();

    /**
     * Whether MySQL runs (the status command's exit code).
     *
     * @return true when running
     */
    boolean mysqlRunning();

    /**
     * User schemas with their engines and sizes.
     *
     * @return schemas by name
     * @throws Exception when MySQL cannot be asked
     */
    Map<String, Database> databases() throws Exception;

    /**
     * The last lines of the MySQL error log.
     *
     * @param lines how many
     * @return the lines, oldest first
     * @throws Exception when the log cannot be found or read
     */
    List<String> errorLogTail(int lines) throws Exception;

    /**
     * CPU count, memory and OS name.
     *
     * @return the facts
     */
    SystemInfo system();

    /**
     * A schema.
     *
     * @param engines engine names as the server reports them, sorted
     * @param size bytes
     */
    record Database(List<String> engines, long size) {

        /**
         * Copies.
         *
         * @param engines engines
         * @param size size
         */
        public Database {
            engines = List.copyOf(Objects.requireNonNull(engines, "engines is null"));
        }
    }

    /**
     * Static machine facts.
     *
     * @param cpus CPU count
     * @param memTotal memory bytes
     * @param osName OS name
     */
    record SystemInfo(int cpus, long memTotal, String osName) {
    }
}
