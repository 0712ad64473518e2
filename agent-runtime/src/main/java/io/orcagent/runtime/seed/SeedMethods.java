package io.orcagent.runtime.seed;

import java.util.Optional;

import io.orcagent.api.SeedMethod;

/**
 * The seed methods the engine may run, as loaded by the plugin host.
 */
public interface SeedMethods {

    /**
     * An offered method (enabled and available); calls into it are isolated by the plugin invoker.
     *
     * @param name the wire name
     * @return the method
     */
    Optional<SeedMethod> offered(String name);

    /**
     * Whether any plugin defines a method of this name, offered or not.
     *
     * @param name the wire name
     * @return true when known
     */
    boolean known(String name);
}
