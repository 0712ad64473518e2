package io.orcagent.api;

/**
 * Receives a stage's progress. The runtime turns reports into the stage state's {@code Details}
 * (with bytes done, total and rate) and moves its {@code Timestamp}, so orchestrator's stale-seed
 * detection sees a long copy advance. Cheap to call often; thread-safe.
 */
public interface ProgressSink {

    /**
     * What the stage is doing now, e.g. "Running mysqldump".
     *
     * @param text a short human-readable step description
     */
    void step(String text);

    /**
     * Bytes processed so far.
     *
     * @param done bytes done
     * @param total expected total bytes, or a negative number when unknown
     */
    void bytes(long done, long total);
}
