package io.orcagent.plugins.example;

import io.orcagent.api.AgentPlugin;
import io.orcagent.api.SeedMethodFactory;
import java.util.List;

/**
 * The plugin's entry point, listed in {@code META-INF/services/io.orcagent.api.AgentPlugin}. It only
 * names the factories; the agent creates their products once the config section has been read.
 */
public final class ExamplePlugin implements AgentPlugin {

    @Override
    public List<SeedMethodFactory> seedMethods() {
        return List.of(new ExampleSeedMethodFactory());
    }
}
