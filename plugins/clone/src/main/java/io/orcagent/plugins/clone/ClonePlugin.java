package io.orcagent.plugins.clone;

import io.orcagent.api.AgentPlugin;
import io.orcagent.api.SeedMethodFactory;
import java.util.List;

/**
 * The {@code clone_plugin} plugin: offers the {@code ClonePlugin} seed method, in which the target's
 * MySQL 8.0.17+ copies the source with its own clone plugin ({@code CLONE INSTANCE FROM …}).
 */
public final class ClonePlugin implements AgentPlugin {

    /** Needed by {@link java.util.ServiceLoader}. */
    public ClonePlugin() {
        // no work at load time
    }

    @Override
    public List<SeedMethodFactory> seedMethods() {
        return List.of(new CloneMethodFactory());
    }
}
