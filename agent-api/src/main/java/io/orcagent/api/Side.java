package io.orcagent.api;

/**
 * Which end of a seed an agent is. The wire names are {@code Target} and {@code Source}.
 */
public enum Side {
    /** The host being seeded. */
    TARGET("Target"),
    /** The running server the data comes from. */
    SOURCE("Source");

    private final String wireName;

    Side(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in URLs and JSON.
     *
     * @return {@code Target} or {@code Source}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a wire name, case-sensitively.
     *
     * @param name the wire name
     * @return the side
     * @throws IllegalArgumentException when the name is not a side
     * @deprecated parsing wire input is the runtime's job, with orchestrator's error texts; plugins get
     *     sides as values. Kept for binary compatibility with agent-api 1.0.0; use {@link #values()} and
     *     {@link #wireName()} if a name must be read.
     */
    @Deprecated(since = "1.1.0")
    public static Side fromWire(String name) {
        for (Side side : values()) {
            if (side.wireName.equals(name)) {
                return side;
            }
        }
        throw new IllegalArgumentException("not a seed side: '" + name + "'");
    }
}
