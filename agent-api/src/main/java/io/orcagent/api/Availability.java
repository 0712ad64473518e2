package io.orcagent.api;

import java.util.Objects;

/**
 * Result of {@link SeedMethod#probe()} or {@link SnapshotProvider#probe()}.
 *
 * @param available whether the thing can be used on this host
 * @param reason why not (empty when available)
 */
public record Availability(boolean available, String reason) {

    /**
     * Validates.
     *
     * @param available whether usable
     * @param reason why not
     */
    public Availability {
        Objects.requireNonNull(reason, "reason is null");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable result needs a reason");
        }
    }

    /**
     * Usable.
     *
     * @return an available result
     */
    public static Availability usable() {
        return new Availability(true, "");
    }

    /**
     * Not usable, and why.
     *
     * @param reason a sentence an operator can act on, e.g. "mydumper not found on PATH"
     * @return an unavailable result
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
