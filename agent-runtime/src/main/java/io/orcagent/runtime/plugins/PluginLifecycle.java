package io.orcagent.runtime.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of one load of a plugin: the {@code close()} hooks of what it gave the runtime (its
 * {@link io.orcagent.api.AgentPlugin} entries, then the seed methods, snapshot providers and command
 * executors they created), run in reverse order of creation, each through the plugin's invoker, before
 * the host closes the plugin's class loader. A failing hook is logged; the others still run.
 *
 * <p>Thread-safety: registered during activation and closed by the host, both under the host's lock.
 */
final class PluginLifecycle {

    /** For plugins that never got as far as running any code. */
    static final PluginLifecycle NONE = new PluginLifecycle(null);

    private static final Logger LOG = LoggerFactory.getLogger(PluginLifecycle.class);

    private final PluginInvoker invoker;
    private final List<Hook> hooks = new ArrayList<>();
    private boolean closed;

    PluginLifecycle(PluginInvoker invoker) {
        this.invoker = invoker;
    }

    /**
     * Adds a hook, run before those registered earlier.
     *
     * @param what names the object, e.g. {@code seed method Good}
     * @param close its {@code close()}
     */
    void register(String what, PluginInvoker.PluginAction close) {
        if (invoker == null) {
            throw new IllegalStateException("the empty lifecycle takes no hooks");
        }
        hooks.add(new Hook(Objects.requireNonNull(what, "what is null"), Objects.requireNonNull(close, "close is null")));
    }

    /** Runs every hook once, last registered first. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = hooks.size() - 1; i >= 0; i--) {
            Hook hook = hooks.get(i);
            try {
                invoker.run(hook.what() + " close", hook.close());
            } catch (PluginCallException e) {
                LOG.warn("plugin {}: {}", invoker.pluginId(), e.getMessage());
            }
        }
    }

    private record Hook(String what, PluginInvoker.PluginAction close) {
    }
}
