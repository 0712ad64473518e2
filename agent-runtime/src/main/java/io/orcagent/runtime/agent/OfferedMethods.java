package io.orcagent.runtime.agent;

import java.util.Map;

import io.orcagent.api.SeedMethodInfo;

/**
 * The seed methods this agent offers now: enabled in config, loaded and available on this host.
 */
@FunctionalInterface
public interface OfferedMethods {

    /**
     * Offered methods.
     *
     * @return wire name to method facts
     */
    Map<String, SeedMethodInfo> offered();
}
