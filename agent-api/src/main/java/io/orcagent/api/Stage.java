package io.orcagent.api;

/**
 * Seed stages as orchestrator names them on the wire.
 */
public enum Stage {
    /** Make both sides ready. */
    PREPARE("Prepare"),
    /** Copy the data. */
    BACKUP("Backup"),
    /** Make the copy a running server on the target. */
    RESTORE("Restore"),
    /** Remove leftovers on both sides. */
    CLEANUP("Cleanup"),
    /** orchestrator configures replication; no agent work except answering get-metadata. */
    CONNECT_SLAVE("ConnectSlave");

    private final String wireName;

    Stage(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in URLs and JSON.
     *
     * @return the wire name, e.g. {@code Backup}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a wire name, case-sensitively.
     *
     * @param name the wire name
     * @return the stage
     * @throws IllegalArgumentException when the name is not a stage
     * @deprecated parsing wire input is the runtime's job, with orchestrator's error texts; plugins get
     *     stages as values. Kept for binary compatibility with agent-api 1.0.0; use {@link #values()} and
     *     {@link #wireName()} if a name must be read.
     */
    @Deprecated(since = "1.1.0")
    public static Stage fromWire(String name) {
        for (Stage stage : values()) {
            if (stage.wireName.equals(name)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("not a seed stage: '" + name + "'");
    }
}
