package io.orcagent.api;

/**
 * One way of copying a running MySQL server to another host, split in the stages orchestrator drives.
 *
 * <p>Stages run on a background thread owned by the runtime; a stage returns when its work is done
 * and throws to report failure (the message, with the tool's stderr tail when a command failed,
 * becomes the stage's {@code Error} details). A stage must honour cancellation: processes started
 * through {@link StageContext#commands()} are killed by the runtime when the stage is aborted, and
 * loops should check {@link StageContext#throwIfCancelled()}.
 *
 * <p>Each stage is called on both agents of a seed with {@link StageContext#side()} telling which end
 * this agent is; a method that has nothing to do on one side just returns.
 */
public interface SeedMethod {

    /**
     * Static facts about the method, reported to orchestrator in {@code AvailiableSeedMethods}.
     *
     * @return the method's description
     */
    SeedMethodInfo info();

    /**
     * Checks whether the method can run on this host (tools installed, server version, …).
     * Called at start and on reload; must be quick and must not change anything.
     *
     * @return available, or unavailable with a reason an operator can act on
     */
    Availability probe();

    /**
     * Prepare stage: make this side ready (clear leftovers, stop the server, open receivers, …).
     *
     * @param stage the stage context
     * @throws Exception on failure
     */
    void prepare(StageContext stage) throws Exception;

    /**
     * Backup stage, called only on the {@link SeedMethodInfo#backupSide()} agent;
     * {@link StageContext#peer()} is the other host (with the source's MySQL port).
     *
     * @param stage the stage context
     * @throws Exception on failure
     */
    void backup(StageContext stage) throws Exception;

    /**
     * Restore stage, called on the target only. Must not return until the restored server is usable
     * (for methods that restart MySQL: until it answers).
     *
     * @param stage the stage context
     * @throws Exception on failure
     */
    void restore(StageContext stage) throws Exception;

    /**
     * Reads the binary-log coordinates the restored data corresponds to. Called on the target after
     * Restore, synchronously from an HTTP request: keep it short.
     *
     * @param stage the stage context
     * @return the coordinates
     * @throws Exception when they cannot be read
     */
    BinlogCoordinates metadata(StageContext stage) throws Exception;

    /**
     * Cleanup stage: remove temporary files, unmount, release locks. Called on both sides after a
     * seed, successful or not; must tolerate a seed that stopped half-way.
     *
     * @param stage the stage context
     * @throws Exception on failure
     */
    void cleanup(StageContext stage) throws Exception;

    /**
     * Releases what this seed method holds. The runtime calls it once, when no call into the plugin runs
     * (no seed stage either), before {@link AgentPlugin#close()} and before the plugin's classes are
     * unloaded (at reload and at shutdown). An exception is logged and does not stop the unload. The
     * default does nothing.
     *
     * @since 1.1.0
     */
    default void close() {
        // nothing to release
    }
}
