package io.orcagent.api;

import java.util.Optional;

/**
 * What a running stage knows and may use. Created by the runtime for one stage of one seed.
 */
public interface StageContext {

    /**
     * The seed id orchestrator allocated.
     *
     * @return a positive seed id
     */
    long seedId();

    /**
     * The stage being run.
     *
     * @return the stage
     */
    Stage stage();

    /**
     * Which end of the seed this agent is.
     *
     * @return the side
     */
    Side side();

    /**
     * The other host, for the Backup stage: the source when the backup runs on the target, the
     * target when it runs on the source. The port is always the <em>source's</em> MySQL port. The
     * host name has been validated (a DNS name or an IP literal) before it reaches the plugin.
     *
     * @return the peer, empty outside the Backup stage
     */
    Optional<Peer> peer();

    /**
     * A command runner scoped to this stage: every process it starts is killed (with its whole
     * process tree) when the stage is aborted or the agent shuts down.
     *
     * @return the stage's command runner
     */
    CommandRunner commands();

    /**
     * Where to report progress; each report moves the stage's {@code Timestamp}.
     *
     * @return the progress sink
     */
    ProgressSink progress();

    /**
     * Whether the stage has been aborted.
     *
     * @return true once aborted
     */
    boolean cancelled();

    /**
     * Throws {@link StageAbortedException} when the stage has been aborted; call it in loops.
     *
     * @throws StageAbortedException when aborted
     */
    default void throwIfCancelled() throws StageAbortedException {
        if (cancelled()) {
            throw new StageAbortedException("stage " + stage().wireName() + " of seed " + seedId() + " was aborted");
        }
    }
}
