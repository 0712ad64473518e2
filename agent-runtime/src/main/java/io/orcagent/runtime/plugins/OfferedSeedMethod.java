package io.orcagent.runtime.plugins;

import io.orcagent.api.SeedMethodInfo;
import java.util.Objects;

/**
 * A seed method the agent offers: enabled, and available on this host.
 *
 * @param info its facts as read once at load ({@code MethodOpts} on the wire)
 * @param method the method, every call routed through its plugin's invoker
 */
public record OfferedSeedMethod(SeedMethodInfo info, InvokedSeedMethod method) {

    /**
     * Validates.
     *
     * @param info info
     * @param method method
     */
    public OfferedSeedMethod {
        Objects.requireNonNull(info, "info is null");
        Objects.requireNonNull(method, "method is null");
    }

    /**
     * The wire name.
     *
     * @return the name
     */
    public String name() {
        return method.name();
    }

    /**
     * The plugin offering it.
     *
     * @return the plugin id
     */
    public String pluginId() {
        return method.pluginId();
    }
}
