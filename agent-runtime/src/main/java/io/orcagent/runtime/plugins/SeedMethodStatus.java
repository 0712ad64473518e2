package io.orcagent.runtime.plugins;

import java.util.Objects;

/**
 * A seed method as a plugin declared it, and whether it is offered.
 *
 * @param name the wire name
 * @param enabled whether the config file enables it (explicitly or by the method's default)
 * @param available whether it is enabled and its probe found it usable on this host
 * @param reason why it is not available (empty when available)
 */
public record SeedMethodStatus(String name, boolean enabled, boolean available, String reason) {

    /**
     * Validates.
     *
     * @param name name
     * @param enabled enabled
     * @param available available
     * @param reason reason
     */
    public SeedMethodStatus {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(reason, "reason is null");
        if (available && !enabled) {
            throw new IllegalArgumentException("a disabled method cannot be available");
        }
    }
}
